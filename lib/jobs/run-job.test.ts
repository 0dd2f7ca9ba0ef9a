import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sql } from "drizzle-orm";
import { createJob, failStaleJobs, getJob, listJobLogs, markJobRunning, requestJobCancel, STALE_JOB_SECONDS } from "@/db/queries/jobs";
import { openTestDatabase } from "@/db/testing/test-databases";
import { executeJob } from "./run-job";

describe("jobs on PostgreSQL", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("records progress, logs and the result of a job that succeeds", async () => {
    const job = await createJob(handle.db, "test", { n: 3 });
    await executeJob(handle, job, { n: 3 }, async (_db, params, ctx) => {
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
    await executeJob(handle, job, {}, async () => {
      throw new Error("row 7: high is below low");
    });
    expect(await getJob(handle.db, job.id)).toMatchObject({ status: "failed", error: "row 7: high is below low" });
  });

  it("stops a job at its next progress report after a cancel request", async () => {
    const job = await createJob(handle.db, "test", {});
    let reached = 0;
    await executeJob(handle, job, {}, async (_db, _p, ctx) => {
      for (let i = 1; i <= 5; i++) {
        reached = i;
        if (i === 2) await requestJobCancel(handle.db, job.id);
        await ctx.progress(i, 5);
      }
    }, { progressIntervalMs: 0 });
    expect(reached, "the loop stopped at the report after the request").toBe(2);
    expect((await getJob(handle.db, job.id))?.status).toBe("cancelled");
  });

  const ageHeartbeat = (id: string, seconds: number) => handle.db.execute(sql`update jobs set heartbeat_at = now() - make_interval(secs => ${seconds}) where id = ${id}`);

  it("fails a running job whose heartbeat went stale, and never a queued one however old", async () => {
    const running = await createJob(handle.db, "test", {});
    await markJobRunning(handle.db, running.id, "host:1");
    const queued = await createJob(handle.db, "test", {});
    await handle.db.execute(sql`update jobs set created_at = now() - interval '1 day' where id = ${queued.id}`);
    expect(await failStaleJobs(handle.db), "a fresh heartbeat is alive").not.toContain(running.id);

    await ageHeartbeat(running.id, STALE_JOB_SECONDS + 5);
    const failed = await failStaleJobs(handle.db);
    expect(failed).toContain(running.id);
    expect(failed, "a job waiting for a worker is not dead").not.toContain(queued.id);
    expect(await getJob(handle.db, running.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/interrupted/) });
    expect((await getJob(handle.db, queued.id))?.status).toBe("queued");
  });

  it("cancels a queued job, and a running one whose worker died, at once", async () => {
    const queued = await createJob(handle.db, "test", {});
    expect(await requestJobCancel(handle.db, queued.id)).toBe("cancelled");

    const dead = await createJob(handle.db, "test", {});
    await markJobRunning(handle.db, dead.id, "host:2");
    await ageHeartbeat(dead.id, STALE_JOB_SECONDS + 5);
    expect(await requestJobCancel(handle.db, dead.id), "no worker will ever notice a flag").toBe("cancelled");
    expect((await getJob(handle.db, dead.id))?.finishedAt).not.toBeNull();

    const live = await createJob(handle.db, "test", {});
    await markJobRunning(handle.db, live.id, "host:3");
    expect(await requestJobCancel(handle.db, live.id), "a live worker is asked and stops at its next report").toBe("running");
    expect(await requestJobCancel(handle.db, queued.id), "an ended job cannot be cancelled again").toBeUndefined();
  });

  it("leaves a job that is no longer queued alone: a cancelled job never starts", async () => {
    const job = await createJob(handle.db, "test", {});
    await requestJobCancel(handle.db, job.id);
    let ran = false;
    await executeJob(handle, job, {}, async () => {
      ran = true;
    });
    expect(ran).toBe(false);
    expect((await getJob(handle.db, job.id))?.status).toBe("cancelled");
  });
});
