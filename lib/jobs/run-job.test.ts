import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createJob, failOrphanedJobs, getJob, listJobLogs, markJobRunning, requestJobCancel } from "@/db/queries/jobs";
import { openTestDatabase, testDrivers } from "@/db/testing/test-databases";
import { executeJob } from "./run-job";

describe.each(testDrivers())("jobs on %s", (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("records progress, logs and the result of a job that succeeds", async () => {
    const job = await createJob(handle.db, "test", { n: 3 });
    await executeJob(handle.db, job, { n: 3 }, async (_db, params, ctx) => {
      for (let i = 1; i <= params.n; i++) await ctx.progress(i, params.n, `step ${i}`);
      await ctx.log("all done");
      return { total: params.n };
    });
    const row = await getJob(handle.db, job.id);
    expect(row).toMatchObject({ status: "succeeded", progressDone: 3, progressTotal: 3, step: "step 3", result: { total: 3 }, error: null });
    expect((await listJobLogs(handle.db, job.id)).map((l) => l.message)).toEqual(["all done"]);
  });

  it("records the error of a job that fails", async () => {
    const job = await createJob(handle.db, "test", {});
    await executeJob(handle.db, job, {}, async () => {
      throw new Error("row 7: high is below low");
    });
    expect(await getJob(handle.db, job.id)).toMatchObject({ status: "failed", error: "row 7: high is below low" });
  });

  it("stops a job at its next progress report after a cancel request", async () => {
    const job = await createJob(handle.db, "test", {});
    let reached = 0;
    await executeJob(handle.db, job, {}, async (_db, _p, ctx) => {
      for (let i = 1; i <= 5; i++) {
        reached = i;
        if (i === 2) await requestJobCancel(handle.db, job.id);
        await ctx.progress(i, 5);
      }
    }, { progressIntervalMs: 0 });
    expect(reached, "the loop stopped at the report after the request").toBe(2);
    expect((await getJob(handle.db, job.id))?.status).toBe("cancelled");
  });

  it("marks jobs orphaned by a dead process as failed", async () => {
    const job = await createJob(handle.db, "test", {});
    await markJobRunning(handle.db, job.id);
    expect(await failOrphanedJobs(handle.db)).toBeGreaterThanOrEqual(1);
    const row = await getJob(handle.db, job.id);
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/interrupted/);
  });
});
