import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { closeDatabase } from "@/db/connection";
import { openTestDatabase } from "@/db/testing/test-databases";
import { stopJobQueue } from "@/lib/jobs/job-queue";

/**
 * Points the route handlers' own `getDatabase()` at a fresh test database for one test file (through DATABASE_URL,
 * as a deployment would), and closes the queue, the pool and the database afterwards. Returns the test's handle.
 */
export function useRouteDatabase(): () => DatabaseHandle {
  let handle: DatabaseHandle | undefined;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    handle = await openTestDatabase();
    process.env.DATABASE_URL = handle.url;
  });
  afterAll(async () => {
    await stopJobQueue();
    await closeDatabase();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error("the route test database is not open yet");
    return handle;
  };
}

/** A JSON POST as the browser sends it (a declared length unless `chunked`, which streams it without one). */
export function jsonPost(url: string, body: unknown, options: { chunked?: boolean } = {}): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  if (!options.chunked) return new Request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) }, body: text });
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
}
