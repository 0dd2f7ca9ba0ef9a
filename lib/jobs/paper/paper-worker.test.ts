import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { upsertHypotheses } from "@/db/queries/hypotheses";
import { createJob, getJob, listJobLogs, markJobRunning, STALE_JOB_SECONDS } from "@/db/queries/jobs";
import { claimAccountForJob, getAccount, ORPHANED_ACCOUNT_REASON, setAccountStatus, stopOrphanedAccounts } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import { configSchema } from "@/lib/config-schema";
import { hypothesis } from "@/lib/paper/testing/test-hypothesis";
import { generateMarketData } from "../generate-market-data";
import { jobKindSchema } from "../job-kinds";
import { stopJobQueue } from "../job-queue";
import { startWorker } from "../worker-runtime";
import { isAccountDriven } from "./account-driver";
import { changePaperStatus } from "./change-paper-status";
import { PAPER_JOB_KIND } from "./paper-job";
import { listPaperAccountSummaries, paperMonitor } from "./paper-monitor";
import { runPaperAccount } from "./run-paper-account";
import { createPaperAccount, startPaperAccount } from "./start-paper-account";

const DAY_MS = 86_400_000;
const END = Date.UTC(2026, 9, 1);
const SYMBOL = "BTCUSDT.P";
const config = configSchema.parse({});
const HYPOTHESES = [
  hypothesis({ id: "w-rsi-long-5m", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 45"], stopLoss: "1.5 ATR below entry", target: "2R", maxHoldMinutes: 240 }),
];
const IDS = HYPOTHESES.map((h) => h.id);

/** Polls `read` until `done` holds; the last value either way (the assertion after it says what was expected). */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

const ended = (status: string | undefined) => status === "succeeded" || status === "failed" || status === "cancelled";

describe("paper accounts run by worker processes", () => {
  let handle: DatabaseHandle;
  let stopSweep: (() => void) | undefined;
  let dataStart = 0;
  /** The account left "running" by a worker that died (test 1), resumed once a worker runs (test 4). */
  let orphan: { accountId: string; deadJobId: string; cut: number } | null = null;
  /** The account stopped while its job waited for a worker (test 2): no worker may ever run it. */
  let stoppedQueued: { accountId: string; jobId: string } | null = null;

  beforeAll(async () => {
    handle = await openTestDatabase();
    const report = await generateMarketData(handle.db, { seed: 9, months: 1, symbols: [SYMBOL], endMs: END }, async () => {});
    dataStart = report.from;
    await upsertHypotheses(handle.db, HYPOTHESES, "custom");
  });
  afterAll(async () => {
    stopSweep?.();
    await stopJobQueue();
    await handle?.close();
  });

  const input = (name: string, speedMs = 0) => ({ hypothesisIds: IDS, symbols: [SYMBOL], from: dataStart, to: dataStart + 2 * DAY_MS, speedMs, name });

  it("shows an account whose job stopped beating as stopped and resumable, not running", async () => {
    const db = handle.db;
    const account = await createPaperAccount(db, config, input("orphan"));
    // Some committed bars first, so a resume has saved state to continue from.
    const abort = new AbortController();
    const partial = await runPaperAccount(db, account.id, { progress: async () => {}, signal: abort.signal, onCommit: (n) => n === 50 && abort.abort() });
    expect(partial.endedBy).toBe("abort");
    // A worker takes it as its job, then dies: its row stays `running`, its heartbeat stops.
    const job = await createJob(db, PAPER_JOB_KIND, { accountId: account.id });
    expect(await markJobRunning(db, job.id, "gone-host:1")).toBe(true);
    expect(await claimAccountForJob(db, account.id, job.id)).toBe(true);

    const alive = await paperMonitor(db, account.id);
    expect(alive.account).toMatchObject({ status: "running", driven: true, resumable: false, error: null });
    expect(await isAccountDriven(db, (await getAccount(db, account.id))!)).toBe(true);
    const rival = await createJob(db, PAPER_JOB_KIND, { accountId: account.id });
    expect(await claimAccountForJob(db, account.id, rival.id), "no second job takes an account a live job drives").toBe(false);

    await db.execute(sql`update jobs set heartbeat_at = now() - make_interval(secs => ${STALE_JOB_SECONDS + 15}) where id = ${job.id}::uuid`);
    const row = await getAccount(db, account.id);
    expect(row?.status, "the stored row still says running").toBe("running");
    expect((await getJob(db, job.id))?.status, "the job row too: only its heartbeat is stale").toBe("running");

    const monitor = await paperMonitor(db, account.id);
    expect(monitor.account).toMatchObject({ status: "stopped", driven: false, resumable: true, error: ORPHANED_ACCOUNT_REASON });
    expect(monitor.account.error).toContain("its worker stopped");
    expect(monitor.feed.stale, "a dead account is stopped, not a stale feed").toBe(false);
    const summary = (await listPaperAccountSummaries(db)).find((a) => a.id === account.id);
    expect(summary).toMatchObject({ status: "stopped", driven: false, resumable: true, error: ORPHANED_ACCOUNT_REASON });
    expect(await isAccountDriven(db, row!)).toBe(false);
    orphan = { accountId: account.id, deadJobId: job.id, cut: partial.lastProcessedTime ?? 0 };
  });

  it("cancels a queued job at once when its account is stopped before a worker takes it", async () => {
    const { account, job } = await startPaperAccount(handle, config, input("stopped while queued"));
    const stopped = await changePaperStatus(handle, account.id, "stopped");
    expect(stopped.status).toBe("stopped");
    expect((await getJob(handle.db, job.id))?.status, "a queued job ends at once").toBe("cancelled");
    expect((await paperMonitor(handle.db, account.id)).account).toMatchObject({ status: "stopped", driven: false, resumable: true });
    stoppedQueued = { accountId: account.id, jobId: job.id };
  });

  it("queues a paper job from the web path that nothing runs in-process, and a worker replays it to the end", { timeout: 120_000 }, async () => {
    const db = handle.db;
    expect(jobKindSchema.safeParse(PAPER_JOB_KIND).success, "POST /api/jobs does not start paper jobs").toBe(false);
    const { account, job } = await startPaperAccount(handle, config, input("web start"));
    expect(job).toMatchObject({ kind: PAPER_JOB_KIND, status: "queued", params: { accountId: account.id } });
    expect(account).toMatchObject({ status: "running", jobId: job.id, error: null });

    await new Promise((r) => setTimeout(r, 1_500));
    expect((await getJob(db, job.id))?.status, "no worker yet: it waits in the queue").toBe("queued");
    const waiting = await getAccount(db, account.id);
    expect(waiting?.lastProcessedTime, "nothing ran it in this process").toBeNull();
    expect(waiting?.state).toBeNull();
    const monitor = await paperMonitor(db, account.id);
    expect(monitor.account).toMatchObject({ status: "running", driven: true });
    expect(monitor.job?.status).toBe("queued");

    stopSweep = await startWorker(handle, { tasks: 0 });
    const done = await waitFor(() => getJob(db, job.id), (j) => ended(j?.status));
    expect(done?.status, done?.error ?? "").toBe("succeeded");
    expect(done?.result).toMatchObject({ accountId: account.id, endedBy: "end" });
    const finished = await paperMonitor(db, account.id);
    expect(finished.account).toMatchObject({ status: "stopped", finished: true, driven: false, resumable: false });
    expect(finished.summary.trades, "the replay traded").toBeGreaterThan(0);
    expect(finished.account.lastProcessedTime ?? 0).toBeGreaterThan(dataStart + DAY_MS);
  });

  it("resumes the account whose worker died as a new job, from its last committed bar", { timeout: 120_000 }, async () => {
    const db = handle.db;
    if (!orphan) throw new Error("the stale-heartbeat test must run first");
    const resumed = await changePaperStatus(handle, orphan.accountId, "running");
    expect(resumed.status).toBe("running");
    expect(resumed.jobId).not.toBe(orphan.deadJobId);
    const jobId = resumed.jobId ?? "";
    const done = await waitFor(() => getJob(db, jobId), (j) => ended(j?.status));
    expect(done?.status, done?.error ?? "").toBe("succeeded");
    expect(done?.kind).toBe(PAPER_JOB_KIND);
    const logs = (await listJobLogs(db, jobId)).map((l) => l.message);
    expect(logs.some((m) => m.includes(`after ${new Date(orphan?.cut ?? 0).toISOString()}`) && m.includes("resumed from the saved state"))).toBe(true);
    expect((await paperMonitor(db, orphan.accountId)).account).toMatchObject({ status: "stopped", finished: true, error: null });
  });

  it("stop writes the status and cancels the job, which its worker ends cancelled", { timeout: 120_000 }, async () => {
    const db = handle.db;
    // Paced, so it is still replaying when it is stopped.
    const { account, job } = await startPaperAccount(handle, config, input("stopped while running", 20));
    const running = await waitFor(
      async () => ({ job: await getJob(db, job.id), account: await getAccount(db, account.id) }),
      (s) => s.job?.status === "running" && s.account?.lastProcessedTime !== null,
    );
    expect(running.job?.status).toBe("running");

    const stopped = await changePaperStatus(handle, account.id, "stopped");
    expect(stopped.status).toBe("stopped");
    expect((await getJob(db, job.id))?.cancelRequested, "the job is asked to cancel").toBe(1);
    const done = await waitFor(() => getJob(db, job.id), (j) => ended(j?.status), 15_000);
    expect(done?.status).toBe("cancelled");
    const after = await paperMonitor(db, account.id);
    expect(after.account).toMatchObject({ status: "stopped", driven: false, resumable: true, finished: false });
    const last = after.account.lastProcessedTime;
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await getAccount(db, account.id))?.lastProcessedTime, "no bar after the stop").toBe(last);

    // The account stopped while queued was never run by the worker.
    if (!stoppedQueued) throw new Error("the stopped-while-queued test must run first");
    expect((await getJob(db, stoppedQueued.jobId))?.status).toBe("cancelled");
    expect((await getAccount(db, stoppedQueued.accountId))?.lastProcessedTime).toBeNull();
  });

  it("stops a run, writing nothing more, once its job no longer drives the account", async () => {
    const db = handle.db;
    const quiet = { progress: async () => {} };
    const drivenBy = async (name: string) => {
      const account = await createPaperAccount(db, config, input(name));
      const job = await createJob(db, PAPER_JOB_KIND, { accountId: account.id });
      await markJobRunning(db, job.id, "stalled-host:1");
      return { account, job };
    };

    // The sweep failed its job (a worker stalled past STALE_JOB_SECONDS): the loop notices at its next status poll.
    const failed = await drivenBy("job failed under it");
    const failJob = async () => {
      await db.execute(sql`update jobs set status = 'failed' where id = ${failed.job.id}::uuid`);
    };
    const failing = runPaperAccount(db, failed.account.id, { ...quiet, jobId: failed.job.id, statusPollMs: 0, onCommit: (n) => void (n === 20 && failJob()) });
    await expect(failing).rejects.toMatchObject({ code: "PAPER_SUPERSEDED" });
    expect((await getAccount(db, failed.account.id))?.status, "not marked halted or stopped by a run that lost it").toBe("running");

    // Another job took the account over between two polls: the next commit is refused, inside its transaction.
    const taken = await drivenBy("taken over");
    const takeover = async () => {
      await db.execute(sql`update jobs set heartbeat_at = now() - make_interval(secs => ${STALE_JOB_SECONDS + 15}) where id = ${taken.job.id}::uuid`);
      const successor = await createJob(db, PAPER_JOB_KIND, { accountId: taken.account.id });
      const claimed = await claimAccountForJob(db, taken.account.id, successor.id);
      return { claimed, lastProcessedTime: (await getAccount(db, taken.account.id))?.lastProcessedTime };
    };
    let tookOver: ReturnType<typeof takeover> | undefined;
    const losing = runPaperAccount(db, taken.account.id, { ...quiet, jobId: taken.job.id, statusPollMs: 60_000, onCommit: (n) => void (n === 20 && (tookOver = takeover())) });
    await expect(losing).rejects.toMatchObject({ code: "PAPER_SUPERSEDED" });
    const atTakeover = await tookOver;
    expect(atTakeover?.claimed, "the successor took the account from the stalled job").toBe(true);
    expect((await getAccount(db, taken.account.id))?.lastProcessedTime, "no commit after the takeover").toBe(atTakeover?.lastProcessedTime);
  });

  it("writes back the stopped state of accounts whose job is gone, for the sweep", async () => {
    const db = handle.db;
    const account = await createPaperAccount(db, config, input("job row gone"));
    await setAccountStatus(db, account.id, "paused", { jobId: randomUUID() });
    expect((await paperMonitor(db, account.id)).account).toMatchObject({ status: "stopped", resumable: true, error: ORPHANED_ACCOUNT_REASON });

    // One whose job waits in the queue is driven: left alone.
    const waiting = await createPaperAccount(db, config, input("job queued"));
    const queued = await createJob(db, PAPER_JOB_KIND, { accountId: waiting.id });
    expect(await claimAccountForJob(db, waiting.id, queued.id)).toBe(true);

    const written = await stopOrphanedAccounts(db);
    expect(written).toContain(account.id);
    expect(written).not.toContain(waiting.id);
    expect((await getAccount(db, waiting.id))?.status).toBe("running");
    expect(await getAccount(db, account.id)).toMatchObject({ status: "stopped", error: ORPHANED_ACCOUNT_REASON });
    expect((await paperMonitor(db, account.id)).account).toMatchObject({ status: "stopped", resumable: true, error: ORPHANED_ACCOUNT_REASON });
  });
});
