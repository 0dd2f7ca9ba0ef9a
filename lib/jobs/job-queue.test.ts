import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sql } from "drizzle-orm";
import { createJob, getJob } from "@/db/queries/jobs";
import { listHypotheses } from "@/db/queries/hypotheses";
import { openTestDatabase } from "@/db/testing/test-databases";
import { startJob } from "./job-kinds";
import { stopJobQueue } from "./job-queue";
import { startWorker } from "./worker-runtime";

async function waitForStatus(handle: DatabaseHandle, id: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = "missing";
  while (Date.now() < deadline) {
    status = (await getJob(handle.db, id))?.status ?? "missing";
    if (status === "succeeded" || status === "failed" || status === "cancelled") break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return status;
}

describe("jobs through the pg-boss queue", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await stopJobQueue();
    await handle?.close();
  });

  it("keeps a job queued while no worker runs, and a worker started later runs it to completion", async () => {
    const job = await startJob(handle, "discovery", { quick: true });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await getJob(handle.db, job.id))?.status, "nothing runs it until a worker takes it").toBe("queued");
    // A worker's start sweeps stale work: a job that merely waited is not stale.
    const stop = await startWorker(handle, { tasks: 0 });
    try {
      expect(await waitForStatus(handle, job.id)).toBe("succeeded");
      expect((await listHypotheses(handle.db)).length, "the quick discovery stored its hypotheses").toBe(8);
    } finally {
      stop();
    }
  });

  it("runs a job whose queue message was lost with a worker that died before claiming it", async () => {
    // A row with no message: what a worker killed between taking the message and claiming the job leaves behind.
    const job = await createJob(handle.db, "discovery", { quick: true });
    await handle.db.execute(sql`update jobs set created_at = now() - interval '5 minutes' where id = ${job.id}`);
    const stop = await startWorker(handle, { tasks: 0 });
    try {
      expect(await waitForStatus(handle, job.id)).toBe("succeeded");
    } finally {
      stop();
    }
  });
});
