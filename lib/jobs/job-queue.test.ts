import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getJob } from "@/db/queries/jobs";
import { listHypotheses } from "@/db/queries/hypotheses";
import { openTestDatabase, serverTestUrl } from "@/db/testing/test-databases";
import { runQueuedJob, startJob } from "./job-kinds";
import { stopJobQueue, workJobs } from "./job-queue";

// The queue exists only for a PostgreSQL server; like every server test it runs when TEST_DATABASE_URL is set (CI sets it).
describe.runIf(serverTestUrl())("jobs through the pg-boss queue on a PostgreSQL server", () => {
  let handle: DatabaseHandle & { url?: string };
  beforeAll(async () => {
    handle = await openTestDatabase("postgres");
  });
  afterAll(async () => {
    await stopJobQueue();
    await handle?.close();
  });

  it("queues a job for a worker process, which runs it to completion", async () => {
    const url = handle.url ?? "";
    const job = await startJob(handle.db, "discovery", { quick: true }, url);
    expect((await getJob(handle.db, job.id))?.status, "nothing runs it until a worker takes it").toBe("queued");
    await workJobs(url, (queued) => runQueuedJob(handle.db, queued));
    const deadline = Date.now() + 30_000;
    let status = "queued";
    while (Date.now() < deadline && status !== "succeeded" && status !== "failed") {
      await new Promise((r) => setTimeout(r, 250));
      status = (await getJob(handle.db, job.id))?.status ?? "missing";
    }
    expect(status).toBe("succeeded");
    expect((await listHypotheses(handle.db)).length, "the quick discovery stored its hypotheses").toBe(8);
  });
});
