import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getJob, listJobs, type JobRow } from "@/db/queries/jobs";
import { listLifecycleEvents, listLifecyclePairs } from "@/db/queries/lifecycle";
import { getAccount } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { abortableSleep as sleep } from "@/lib/sleep";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";
import { fetchMarketData } from "../fetch-market-data";
import { jobQueue, RESEARCH_LOOP_SCHEDULE_QUEUE, stopJobQueue } from "../job-queue";
import { readAccountSettings } from "../paper/account-settings";
import { startWorker } from "../worker-runtime";
import { saveLoopSettings } from "./loop-schedule";
import { RESEARCH_LOOP_JOB_KIND } from "./research-loop-params";
import type { ResearchLoopReport } from "./run-research-loop";
import { BOUNCE_LONG, krakenCandlesOf, krakenFundingOf, loopHypothesesFile, plantedLoopMarket, SNAP_LONG } from "./testing/planted-loop-market";
import { startWebhookRecorder, type WebhookRecorder } from "./testing/webhook-recorder";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WINDOW_DAYS = 45;
const SYMBOLS = ["BTCUSDT.P", "ETHUSDT.P"];

/** Waits for the research-loop job the schedule's message starts (the `n`-th) and for it to end. */
async function loopJobEnded(handle: DatabaseHandle, n: number, timeoutMs = 240_000): Promise<JobRow> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const jobs = (await listJobs(handle.db, { kind: RESEARCH_LOOP_JOB_KIND })).reverse();
    const job = jobs[n - 1] ? await getJob(handle.db, jobs[n - 1]?.id ?? "") : undefined;
    if (job && job.status !== "queued" && job.status !== "running") return job;
    await sleep(250);
  }
  throw new Error(`research loop job ${n} did not end within ${timeoutMs} ms`);
}

/**
 * The autonomous loop end to end, as a worker runs it: the schedule's message starts a research-loop job, which
 * fetches from the Kraken Futures emulator, re-runs the pipeline on its rolling window, and moves each hypothesis ×
 * instrument through its lifecycle, announcing each move on a local webhook. The emulator's market has a planted
 * edge on BTC (BOUNCE_LONG's trigger) all along, and one on ETH (SNAP_LONG's) in the first half only: the first run
 * sees only the first half, the second run the second.
 */
describe("the research loop on the emulator", () => {
  let handle: DatabaseHandle;
  let emulator: KrakenFuturesEmulator;
  let hook: WebhookRecorder;
  let stopWorker: () => void = () => {};
  const saved = { config: process.env.PERP_EDGE_CONFIG, exchange: process.env.EXCHANGE_BASE_URL };
  // Midnight UTC: the market is then the same from run to run but for a shift by whole days, so its 5m and 30m bars
  // and 8-hourly funding fall alike and the verdicts are the same whatever time the test runs.
  const endMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const market = plantedLoopMarket({ endMs, days: 2 * WINDOW_DAYS });
  let firstRun: JobRow;
  const states = async () => Object.fromEntries((await listLifecyclePairs(handle.db)).map((p) => [`${p.hypothesisId} ${p.symbol}`, p.state]));

  /**
   * The history up to six hours before `untilMs`, fetched from the emulator by the fetch the loop runs (without its
   * pacing, 600 ms a request for the real exchange, which would make a test of 45 days of minutes take minutes);
   * then the market reaches `untilMs`, so the loop's own fetch has six hours of new candles to bring in.
   */
  async function historyBefore(untilMs: number): Promise<void> {
    emulator.publishUntil(untilMs - 6 * HOUR_MS);
    const params = { exchange: "krakenfutures" as const, symbols: SYMBOLS, timeframes: ["1m" as const, ...TRADING_TIMEFRAMES], months: 4, funding: true };
    await fetchMarketData(handle.db, params, async () => {}, { exchangeBaseUrl: emulator.baseUrl, rateLimitMs: 1 });
    emulator.publishUntil(untilMs);
  }

  beforeAll(async () => {
    hook = await startWebhookRecorder();
    emulator = await startKrakenFuturesEmulator({
      history: {
        PF_XBTUSD: { candles1m: krakenCandlesOf(market.candles1m["BTCUSDT.P"]), funding: krakenFundingOf(market.funding["BTCUSDT.P"], 42_000) },
        PF_ETHUSD: { candles1m: krakenCandlesOf(market.candles1m["ETHUSDT.P"]), funding: krakenFundingOf(market.funding["ETHUSDT.P"], 2_300) },
      },
    });
    const dir = mkdtempSync(path.join(tmpdir(), "pel-loop-"));
    const configFile = path.join(dir, "perp-edge.config.json");
    writeFileSync(configFile, JSON.stringify({ instruments: SYMBOLS, dataLookbackMonths: 4, alerts: { webhookUrl: hook.url } }));
    // The worker's job reads the process's configuration and exchange address, as a deployed worker does.
    process.env.PERP_EDGE_CONFIG = configFile;
    process.env.EXCHANGE_BASE_URL = emulator.baseUrl;
    handle = await openTestDatabase();
    stopWorker = await startWorker(handle, { jobs: 1, paper: 0, tasks: 2 });
    // Retraining off: this test follows the planted hypotheses themselves (learned variants are trials of their own,
    // tested in run-learning.test.ts); the loop passes the switch to the pipeline as `learn`.
    const settings = { enabled: true, cron: "0 */6 * * *", windowDays: WINDOW_DAYS, fetch: true, retrain: false, autoPromote: true, autoDemote: true };
    await saveLoopSettings(handle, settings, "loop test");
  }, 120_000);

  afterAll(async () => {
    stopWorker();
    await stopJobQueue();
    await handle?.close();
    await emulator?.stop();
    await hook?.close();
    if (saved.config === undefined) delete process.env.PERP_EDGE_CONFIG;
    else process.env.PERP_EDGE_CONFIG = saved.config;
    if (saved.exchange === undefined) delete process.env.EXCHANGE_BASE_URL;
    else process.env.EXCHANGE_BASE_URL = saved.exchange;
  });

  it("saving the settings put the loop's cron on pg-boss's schedule, in UTC", async () => {
    const schedules = await (await jobQueue(handle.url)).getSchedules();
    // pg-boss's row also holds the time zone, which its types leave out.
    expect(schedules).toEqual([expect.objectContaining({ name: RESEARCH_LOOP_SCHEDULE_QUEUE, cron: "0 */6 * * *", timezone: "UTC" })]);
  });

  it("a scheduled run promotes both planted edges candidate → passed → paper, each move an event announced on the webhook", async () => {
    await historyBefore(market.decayMs);
    const boss = await jobQueue(handle.url);
    // What the schedule's clock sends, twice: the second finds the first loop queued or running and is skipped.
    await boss.send(RESEARCH_LOOP_SCHEDULE_QUEUE, { trigger: "schedule", hypothesesFile: loopHypothesesFile() });
    await boss.send(RESEARCH_LOOP_SCHEDULE_QUEUE, { trigger: "schedule", hypothesesFile: loopHypothesesFile() });
    firstRun = await loopJobEnded(handle, 1);
    expect(firstRun.status, firstRun.error ?? "").toBe("succeeded");
    await sleep(1_000);
    expect((await listJobs(handle.db, { kind: RESEARCH_LOOP_JOB_KIND })).length, "never two loops at once").toBe(1);
    const report = firstRun.result as ResearchLoopReport;
    expect(report.trigger).toBe("schedule");
    expect(report.window.toMs, "the window ends at the newest candle published").toBe(market.decayMs - MINUTE_MS);
    expect(report.window.toMs - report.window.fromMs).toBe(WINDOW_DAYS * DAY_MS);
    // Six hours of 1m, 5m, 15m and 30m candles on each instrument: 360 + 72 + 24 + 12.
    expect(report.fetched, "the loop fetched the new candles").toBe(2 * 468);

    // Only the planted pairs are asserted. SNAP_LONG's trigger (RSI(7) < 35 on a bullish bar) is most often one of
    // BOUNCE_LONG's (RSI(14) < 45) too, so each crossed pair catches part of the other's planted effect and passes or
    // not by a small margin.
    expect(await states()).toMatchObject({
      [`${BOUNCE_LONG.id} BTCUSDT.P`]: "paper",
      [`${SNAP_LONG.id} ETHUSDT.P`]: "paper",
    });

    const history = await listLifecycleEvents(handle.db, { hypothesisId: BOUNCE_LONG.id, symbol: "BTCUSDT.P" });
    expect(history.map((e) => [e.from, e.to, e.actor, e.jobId])).toEqual([
      [null, "candidate", "research-loop", firstRun.id],
      ["candidate", "passed", "research-loop", firstRun.id],
      ["passed", "paper", "research-loop", firstRun.id],
    ]);
    const [, passed, promoted] = history;
    expect(passed?.evidence).toMatchObject({ kind: "research", overall: "pass", batchId: report.batchId, trials: 4 });
    expect(passed?.reason).toMatch(/^Passed the edge analysis: out of sample \d+ trades/);
    expect(promoted?.evidence).toMatchObject({ kind: "promotion", paperAccountId: report.paperAccountId });
    expect(promoted?.notification).toMatchObject({ delivered: true });

    const account = await getAccount(handle.db, report.paperAccountId ?? "");
    expect(account?.name).toMatch(/^Research loop /);
    expect(account?.feed, "a live-feed account: it trades bars closing from now on").toBe("live");
    const legs = readAccountSettings(account?.settings).legs.map((l) => `${l.hypothesisId} ${l.symbol}`);
    expect(legs.sort()).toEqual(expect.arrayContaining([`${BOUNCE_LONG.id} BTCUSDT.P`, `${SNAP_LONG.id} ETHUSDT.P`]));
    expect((await getJob(handle.db, account?.jobId ?? ""))?.kind, "its paper job was queued").toBe("paper");

    const texts = hook.bodies.map((b) => b.text);
    expect(texts).toContain(`Perp Edge Lab · lifecycle promotion: ${BOUNCE_LONG.name} on BTCUSDT.P: passed → paper. ${promoted?.reason}`);
    const promotedPairs = Object.values(await states()).filter((state) => state === "paper").length;
    expect(hook.bodies.filter((b) => b.alert.kind === "promotion" && b.alert.message.includes("passed → paper")).length, "one per promoted pair").toBe(promotedPairs);
    expect(hook.bodies.every((b) => !b.text.includes("untracked")), "entering as a candidate is not announced").toBe(true);
  }, 300_000);

  it("the next scheduled run, on new data where the ETH edge is gone, retires its pairs out of paper and keeps the BTC one", async () => {
    const before = hook.bodies.length;
    await historyBefore(market.endMs);
    await (await jobQueue(handle.url)).send(RESEARCH_LOOP_SCHEDULE_QUEUE, { trigger: "schedule", hypothesesFile: loopHypothesesFile() });
    const second = await loopJobEnded(handle, 2);
    expect(second.status, second.error ?? "").toBe("succeeded");
    const report = second.result as ResearchLoopReport;
    expect(report.window.fromMs, "the window rolled on to the second half").toBe(market.endMs - MINUTE_MS - WINDOW_DAYS * DAY_MS);

    const snap = await listLifecycleEvents(handle.db, { hypothesisId: SNAP_LONG.id, symbol: "ETHUSDT.P" });
    const retired = snap.at(-1);
    expect(retired).toMatchObject({ from: "paper", to: "retired", actor: "research-loop", jobId: second.id, evidence: { kind: "research", batchId: report.batchId } });
    expect((retired?.evidence as { overall: string }).overall).not.toBe("pass");
    expect(retired?.reason).toMatch(/^Demoted: a re-run no longer passes the edge analysis \(.+\)\.$/);
    expect(retired?.notification).toMatchObject({ delivered: true });
    expect(hook.bodies.slice(before).map((b) => b.text)).toContain(`Perp Edge Lab · lifecycle demotion: ${SNAP_LONG.name} on ETHUSDT.P: paper → retired. ${retired?.reason}`);

    const bounce = await listLifecycleEvents(handle.db, { hypothesisId: BOUNCE_LONG.id, symbol: "BTCUSDT.P" });
    expect(bounce.map((e) => e.to), "BTC's planted edge still passes: no move").toEqual(["candidate", "passed", "paper"]);
    expect(await states(), "the ETH market lost its edge: its planted pair is out").toMatchObject({
      [`${BOUNCE_LONG.id} BTCUSDT.P`]: "paper",
      [`${SNAP_LONG.id} ETHUSDT.P`]: "retired",
    });
    const pairs = await listLifecyclePairs(handle.db);
    expect(pairs.find((p) => p.hypothesisId === SNAP_LONG.id && p.symbol === "ETHUSDT.P")?.paperAccountId, "no account trades it for the lifecycle").toBeNull();
    const firstAccount = (firstRun.result as ResearchLoopReport).paperAccountId;
    expect(pairs.find((p) => p.hypothesisId === BOUNCE_LONG.id && p.symbol === "BTCUSDT.P")?.paperAccountId).toBe(firstAccount);
    expect((await getAccount(handle.db, firstAccount ?? ""))?.status, "the account still trades BTC's pair, so it is not stopped").not.toBe("stopped");
  }, 300_000);
});
