import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { upsertHypotheses } from "@/db/queries/hypotheses";
import { getAccount, listClosedPositionsInOrder, listPaperEvents, listPaperPositions, paperRowCounts, setAccountStatus, type PaperPositionRow } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import type { Trade } from "@/lib/backtest/types";
import { configSchema } from "@/lib/config-schema";
import { backtestOf } from "@/lib/paper/testing/backtest-of";
import { hypothesis } from "@/lib/paper/testing/test-hypothesis";
import { generateMarketData } from "../generate-market-data";
import { readAccountSettings, readStoredState } from "./account-settings";
import { PaperAccountError } from "./errors";
import { paperConfigOf, loadAccountBundles, runPaperAccount, type PaperRunOptions } from "./run-paper-account";
import { paperCandles, paperComparison, paperMonitor } from "./paper-monitor";
import { createPaperAccount } from "./start-paper-account";

const DAY_MS = 86_400_000;
const END = Date.UTC(2026, 9, 1);
const SYMBOL = "BTCUSDT.P";
const config = configSchema.parse({});
const quiet: PaperRunOptions = { progress: async () => {} };

/** Busy hypotheses, so a short period has many trades, blocked entries and funding; one reads a higher timeframe. */
const HYPOTHESES = [
  hypothesis({ id: "t-rsi-long-5m", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 45"], stopLoss: "1.5 ATR below entry", target: "2R", maxHoldMinutes: 240 }),
  hypothesis({ id: "t-rsi-short-5m", timeframe: "5m", direction: "short", entryConditions: ["RSI(14) > 55"], stopLoss: "12 bps", target: "15 bps", maxHoldMinutes: 60 }),
  hypothesis({
    id: "t-mtf-long-15m",
    timeframe: "15m",
    direction: "long",
    entryConditions: ["30m: Close > EMA(20)", "RSI(14) < 50"],
    stopLoss: "1 ATR below entry",
    target: "1.5 ATR above entry",
    maxHoldMinutes: 600,
  }),
];
const IDS = HYPOTHESES.map((h) => h.id);

/** The fields a paper position and a backtest trade share. */
const positionKey = (p: PaperPositionRow) => ({
  legId: p.legId,
  side: p.side,
  entryTime: p.entryTime,
  entryPrice: p.entryPrice,
  qty: p.qty,
  stop: p.stop,
  target: p.target,
  exitTime: p.exitTime,
  exitPrice: p.exitPrice,
  reason: p.exitReason,
  fees: p.fees,
  funding: p.funding,
  netPnl: p.netPnl,
});
const tradeKey = (t: Trade) => ({
  legId: t.legId,
  side: t.side,
  entryTime: t.entryTime,
  entryPrice: t.entryPrice,
  qty: t.qty,
  stop: t.stop,
  target: t.target,
  exitTime: t.exitTime,
  exitPrice: t.exitPrice,
  reason: t.reason,
  fees: t.entryFee + t.exitFee,
  funding: t.funding,
  netPnl: t.netPnl,
});
const byExit = <T extends { exitTime: number | null; legId: string; entryTime: number }>(a: T, b: T) =>
  (a.exitTime ?? 0) - (b.exitTime ?? 0) || (a.legId < b.legId ? -1 : a.legId > b.legId ? 1 : 0) || a.entryTime - b.entryTime;

describe("paper account job on the embedded store", () => {
  let handle: DatabaseHandle;
  let dataStart = 0;
  beforeAll(async () => {
    handle = await openTestDatabase();
    const report = await generateMarketData(handle.db, { seed: 5, months: 1, symbols: [SYMBOL], endMs: END }, async () => {});
    dataStart = report.from;
    await upsertHypotheses(handle.db, HYPOTHESES, "custom");
  });
  afterAll(async () => {
    await handle?.close();
  });

  const period = () => ({ from: dataStart, to: dataStart + 8 * DAY_MS });

  let reference: { accountId: string; positions: ReturnType<typeof positionKey>[]; counts: Awaited<ReturnType<typeof paperRowCounts>> } | null = null;

  it("replays through persistence to exactly runPortfolio's trades over the same legs and period", async () => {
    const db = handle.db;
    const account = await createPaperAccount(db, config, { hypothesisIds: IDS, symbols: [SYMBOL], ...period(), name: "parity" });
    const result = await runPaperAccount(db, account.id, quiet);
    expect(result.endedBy).toBe("end");

    const settings = readAccountSettings(account.settings);
    const paperConfig = paperConfigOf(settings);
    const bundles = await loadAccountBundles(db, settings, paperConfig);
    const backtest = backtestOf(paperConfig, bundles);
    expect(backtest.trades.length, "the period trades enough to mean something").toBeGreaterThan(40);

    const positions = (await listClosedPositionsInOrder(db, account.id)).map(positionKey).sort(byExit);
    expect(positions).toEqual(backtest.trades.map(tradeKey).sort(byExit));
    expect(await listPaperPositions(db, account.id, { status: "open" }), "end of data closes every position").toHaveLength(0);

    const stored = await getAccount(db, account.id);
    const state = readStoredState(stored?.state);
    expect(state?.engine.blocked, "blocked entries as the backtest counts them").toEqual(backtest.blocked);
    expect(state?.feed.finished).toBe(true);
    expect(stored?.status).toBe("stopped");
    expect(stored?.cash).toBeCloseTo(backtest.equity.at(-1) ?? NaN, 6);
    const counts = await paperRowCounts(db, account.id);
    expect(counts.positions).toBe(backtest.trades.length);
    expect(counts.fills, "one entry and one exit fill per trade").toBe(2 * backtest.trades.length);
    expect(counts.equity, "one mark per traded close").toBe(backtest.equity.length);
    reference = { accountId: account.id, positions, counts };
    console.log(`paper replay with persistence: ${result.bars} bars (${result.committedTicks} committed ticks) in ${result.seconds.toFixed(2)} s = ${result.barsPerSecond.toFixed(0)} bars/s`);
  });

  it("resumes after an abort and after a stop exactly where it stopped: same trades, no row twice", async () => {
    const db = handle.db;
    if (!reference) throw new Error("the parity test must run first");
    const account = await createPaperAccount(db, config, { hypothesisIds: IDS, symbols: [SYMBOL], ...period(), name: "restart" });

    const abort = new AbortController();
    const first = await runPaperAccount(db, account.id, { ...quiet, signal: abort.signal, onCommit: (n) => n === 400 && abort.abort() });
    expect(first.endedBy).toBe("abort");
    const afterAbort = await getAccount(db, account.id);
    expect(afterAbort?.status).toBe("stopped");
    expect(afterAbort?.lastProcessedTime).toBe(first.lastProcessedTime);
    const state = readStoredState(afterAbort?.state);
    const open = await listPaperPositions(db, account.id, { status: "open" });
    expect(open.map((p) => p.id).sort(), "the saved state and the positions table agree at the cut").toEqual(Object.values(state?.positions ?? {}).sort());

    // Second interruption: another process sets the status to stopped; the loop notices between ticks.
    const second = await runPaperAccount(db, account.id, { ...quiet, statusPollMs: 0, onCommit: (n) => void (n === 900 && setAccountStatus(db, account.id, "stopped")) });
    expect(second.endedBy).toBe("stop");
    expect(second.lastProcessedTime ?? 0).toBeGreaterThan(first.lastProcessedTime ?? Infinity);

    const third = await runPaperAccount(db, account.id, quiet);
    expect(third.endedBy).toBe("end");
    expect(first.committedTicks + second.committedTicks + third.committedTicks, "every traded tick committed exactly once").toBe(reference.counts.equity);

    const positions = (await listClosedPositionsInOrder(db, account.id)).map(positionKey).sort(byExit);
    expect(positions).toEqual(reference.positions);
    expect(await paperRowCounts(db, account.id), "no duplicate rows in any paper table").toEqual(reference.counts);
  });

  it("persists the circuit breakers' events", async () => {
    const db = handle.db;
    const tight = configSchema.parse({ dailyLossLimit: -0.004, maxDrawdown: 0.02 });
    const account = await createPaperAccount(db, tight, { hypothesisIds: IDS, symbols: [SYMBOL], from: dataStart, to: dataStart + 5 * DAY_MS, name: "breakers" });
    await runPaperAccount(db, account.id, quiet);
    const events = await listPaperEvents(db, account.id, { kinds: ["daily_loss_limit", "daily_loss_reset", "drawdown_halt"], limit: 100 });
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds.has("daily_loss_limit"), "the daily loss limit tripped and was stored").toBe(true);
    expect(kinds.has("drawdown_halt"), "the drawdown halt tripped and was stored").toBe(true);
    const blocked = await listPaperEvents(db, account.id, { kinds: ["entry_blocked"], limit: 500 });
    const reasons = new Set(blocked.map((e) => (e.detail as { reason?: string } | null)?.reason));
    expect(reasons.has("daily_loss_limit") || reasons.has("max_drawdown"), "entries were refused with the breaker as reason").toBe(true);

    // The monitor reads the same story back.
    const monitor = await paperMonitor(db, account.id);
    expect(monitor.breaker.drawdownHaltedAt, "drawdown halt time from the saved risk state").not.toBeNull();
    expect(monitor.breaker.lastDailyLimitAt).not.toBeNull();
    expect(monitor.feed.finished).toBe(true);
    expect(monitor.equity.length).toBeGreaterThan(100);
    expect(monitor.signals.some((s) => s.kind === "entry_blocked" && s.reason !== null)).toBe(true);
    const { period, rows: comparison } = await paperComparison(db, account.id, 30);
    expect(period, "the comparison spans the period paper traded").toEqual({ from: dataStart, to: monitor.account.lastProcessedTime });
    expect(comparison.map((r) => r.hypothesisId).sort()).toEqual([...IDS].sort());
    expect(comparison.every((r) => r.backtest === null && r.drift.state === "no_comparison"), "no backtest stored: nothing to compare against").toBe(true);
    expect(comparison.reduce((n, r) => n + r.paper.trades, 0), "every closed trade counted under its hypothesis × instrument").toBe(monitor.summary.trades);
    const candles = await paperCandles(db, account.id, { symbol: SYMBOL, timeframe: "5m" });
    expect(candles.candles.length).toBe(300);
    expect(candles.candles.at(-1)?.time, "never past the last processed bar").toBeLessThanOrEqual((monitor.account.lastProcessedTime ?? 0) - 300_000);
  });

  it("creates live accounts, and refuses an empty recommendation with typed errors", async () => {
    const db = handle.db;
    const live = await createPaperAccount(db, config, { hypothesisIds: IDS, feed: "live" });
    expect(live.feed).toBe("live");
    await expect(createPaperAccount(db, config, { hypothesisIds: ["nope"], feed: "live" })).rejects.toMatchObject({ code: "PAPER_UNKNOWN_HYPOTHESIS" });
    const noReport = createPaperAccount(db, config, {});
    await expect(noReport).rejects.toBeInstanceOf(PaperAccountError);
    await expect(noReport).rejects.toMatchObject({ code: "PAPER_NOTHING_PASSED", message: expect.stringContaining("choose the hypotheses") });
    await expect(createPaperAccount(db, config, { hypothesisIds: ["nope"] })).rejects.toMatchObject({ code: "PAPER_UNKNOWN_HYPOTHESIS" });
  });
});
