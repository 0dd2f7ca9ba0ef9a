import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { finishJob, listJobs, markJobRunning } from "@/db/queries/jobs";
import { listLiveEvents } from "@/db/queries/live-events";
import { getAccount } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import { stopJobQueue } from "../job-queue";
import { sweepStaleWork } from "../sweep-stale-work";
import { launchLiveJob } from "./launch-live-job";
import { runLiveJob } from "./live-job";
import { sessionJobContext } from "./testing/live-session";
import { seedLiveAccount } from "./testing/seed-live-account";

describe("the sweep and a live trader whose worker died", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await stopJobQueue();
    await handle?.close();
  });

  const liveJobsOf = async (accountId: string) => (await listJobs(handle.db, { kind: "live", limit: 100 })).filter((j) => (j.params as { accountId?: string }).accountId === accountId);

  it("queues a new trader at once, at most three times an hour, each time logged", async () => {
    const store = { db: handle.db, url: handle.url };
    const { live } = await seedLiveAccount(handle.db, { name: "dies often" });
    let { job } = await launchLiveJob(store, live.id);
    for (let restart = 1; restart <= 3; restart++) {
      // A worker took it and died: the sweep fails a job whose heartbeat went stale; here it is failed directly.
      await markJobRunning(handle.db, job.id, "doomed worker");
      await finishJob(handle.db, job.id, "failed", { error: "worker gone" });
      const report = await sweepStaleWork(handle.db, handle.url);
      expect(report.restartedTraders, `restart ${restart}`).toEqual([live.id]);
      const jobs = await liveJobsOf(live.id);
      expect(jobs).toHaveLength(restart + 1);
      const next = jobs.find((j) => j.status === "queued");
      expect(next).toBeDefined();
      if (next) job = next;
    }
    await markJobRunning(handle.db, job.id, "doomed worker");
    await finishJob(handle.db, job.id, "failed", { error: "worker gone" });
    expect((await sweepStaleWork(handle.db, handle.url)).restartedTraders).toEqual([]);
    const events = await listLiveEvents(handle.db, live.id, { limit: 100 });
    expect(events.filter((e) => e.kind === "trader-restarted")).toHaveLength(3);
    expect(events.at(-1)?.message).toContain("after 3 restarts within an hour it is left stopped");
  });

  it("leaves a trader that could not start (no keys) halted with why, and does not start it again", async () => {
    const saved = [process.env.KRAKEN_FUTURES_API_KEY, process.env.KRAKEN_FUTURES_API_SECRET];
    delete process.env.KRAKEN_FUTURES_API_KEY;
    delete process.env.KRAKEN_FUTURES_API_SECRET;
    try {
      const { live, paper } = await seedLiveAccount(handle.db, { name: "no keys" });
      const ctx = await sessionJobContext(handle.db, live.id, new AbortController().signal);
      await expect(runLiveJob(handle.db, { accountId: live.id }, ctx)).rejects.toThrow("KRAKEN_FUTURES_API_KEY and KRAKEN_FUTURES_API_SECRET are not set");
      await finishJob(handle.db, ctx.jobId, "failed", { error: "no keys" });
      expect(await getAccount(handle.db, paper.id)).toMatchObject({ status: "halted", error: expect.stringContaining("not set in the trading process's environment") });
      expect((await sweepStaleWork(handle.db, handle.url)).restartedTraders).toEqual([]);
    } finally {
      if (saved[0] !== undefined) process.env.KRAKEN_FUTURES_API_KEY = saved[0];
      if (saved[1] !== undefined) process.env.KRAKEN_FUTURES_API_SECRET = saved[1];
    }
  });
});
