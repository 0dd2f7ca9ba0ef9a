import type { Database } from "@/db/client";
import { loadCandles } from "@/db/queries/candles";
import {
  closedTradeStats,
  getAccount,
  getAccountJob,
  getAccountJobs,
  latestBacktestRunFor,
  latestPaperEvent,
  listAccounts,
  listPaperEvents,
  listPaperFills,
  listPaperPositions,
  loadPaperEquity,
  type AccountJob,
  type PaperAccountRow,
} from "@/db/queries/paper";
import { listTrades } from "@/db/queries/backtests";
import { wilsonInterval } from "@/lib/analysis/wilson-interval";
import { paperDrift } from "@/lib/paper/paper-drift";
import { periodTradeStats, type PeriodTradeStats } from "@/lib/paper/period-trade-stats";
import type { ComparisonSide, PaperAccountSummary, PaperCandlesJson, PaperComparisonRow, PaperMonitorJson } from "@/lib/contract/paper";
import { timeframeMs, timeframeSchema } from "@/lib/market/timeframe";
import { presentStatus } from "./account-driver";
import { readAccountSettings, readStoredState, type PaperAccountSettings } from "./account-settings";
import { PaperAccountError } from "./errors";

const DAY_MS = 86_400_000;

function summaryOf(row: PaperAccountRow, settings: PaperAccountSettings, job: AccountJob | undefined): PaperAccountSummary {
  const state = readStoredState(row.state);
  const names = new Map(settings.hypotheses.map((h) => [h.id, h]));
  const presented = presentStatus(row, job, state?.feed.finished === true);
  return {
    id: row.id,
    name: row.name,
    status: presented.status,
    feed: row.feed,
    error: presented.error,
    jobId: row.jobId,
    driven: presented.driven,
    resumable: presented.resumable,
    createdAt: row.createdAt.toISOString(),
    startingEquity: row.startingEquity,
    equity: state?.engine.equity ?? row.startingEquity,
    lastProcessedTime: row.lastProcessedTime,
    from: settings.from,
    to: settings.to,
    speedMs: settings.speedMs,
    finished: state?.feed.finished === true,
    legs: settings.legs.map((l) => {
      const h = names.get(l.hypothesisId);
      return { ...l, hypothesisName: h?.name ?? l.hypothesisId, timeframe: h?.timeframe ?? "5m" };
    }),
  };
}

export async function listPaperAccountSummaries(db: Database): Promise<PaperAccountSummary[]> {
  const rows = await listAccounts(db);
  const jobs = await getAccountJobs(db, rows.flatMap((r) => (r.jobId ? [r.jobId] : [])));
  return rows.map((row) => summaryOf(row, readAccountSettings(row.settings), row.jobId ? jobs.get(row.jobId) : undefined));
}

async function requireAccount(db: Database, id: string): Promise<PaperAccountRow> {
  const row = await getAccount(db, id);
  if (!row) throw new PaperAccountError("PAPER_ACCOUNT_NOT_FOUND", `no paper account ${id}`, { field: "id" });
  return row;
}

/** Everything the monitor shows, read in one go: what the page polls about once a second. */
export async function paperMonitor(db: Database, id: string, now = Date.now()): Promise<PaperMonitorJson> {
  const row = await requireAccount(db, id);
  const settings = readAccountSettings(row.settings);
  const state = readStoredState(row.state);
  const engine = state?.engine ?? null;
  const [equity, open, signals, fills, lastDaily, accountJob] = await Promise.all([
    loadPaperEquity(db, id),
    listPaperPositions(db, id, { status: "open" }),
    listPaperEvents(db, id, { kinds: ["signal", "entry_blocked"], limit: 25 }),
    listPaperFills(db, id, 20),
    latestPaperEvent(db, id, "daily_loss_limit"),
    getAccountJob(db, row.jobId),
  ]);
  const account = summaryOf(row, settings, accountJob);
  const job = accountJob?.job;
  const marks = new Map((engine?.legs ?? []).map((l) => [l.id, l.mark]));
  const risk = engine?.risk ?? null;
  const lastEquity = engine?.equity ?? row.startingEquity;
  // The commit interval a healthy replay keeps: one traded bar of the fastest leg, each 1m tick paced by speedMs.
  const minuteTicks = Math.min(...settings.legs.map((l) => timeframeMs(settings.hypotheses.find((h) => h.id === l.hypothesisId)?.timeframe ?? "5m") / 60_000));
  const expectedMs = minuteTicks * Math.max(settings.speedMs, 1);
  const updatedAt = state?.feed.updatedAt ?? null;
  const stale = account.status === "running" && updatedAt !== null && now - updatedAt > Math.max(3 * expectedMs, 5_000);
  return {
    account,
    summary: {
      equity: lastEquity,
      realised: engine?.realised ?? 0,
      returnPct: lastEquity / row.startingEquity - 1,
      openPositions: open.length,
      trades: engine?.tradeCount ?? 0,
    },
    equity,
    positions: open.map((p) => ({
      id: p.id,
      legId: p.legId,
      symbol: p.symbol,
      timeframe: p.timeframe,
      side: p.side,
      entryTime: p.entryTime,
      entryPrice: p.entryPrice,
      qty: p.qty,
      stop: p.stop,
      target: p.target,
      funding: p.funding,
      unrealised: marks.get(p.legId) ?? 0,
    })),
    signals: signals.map((e) => {
      const detail = (e.detail ?? {}) as { reason?: unknown; stage?: unknown };
      return {
        id: e.id,
        time: e.time,
        kind: e.kind === "signal" ? "signal" : "entry_blocked",
        legId: e.legId,
        reason: typeof detail.reason === "string" ? detail.reason : null,
        stage: typeof detail.stage === "string" ? detail.stage : null,
      };
    }),
    fills: fills.map((f) => ({ id: f.id, time: f.time, legId: f.legId, kind: f.kind, side: f.side, price: f.price, qty: f.qty, fee: f.fee })),
    breaker: {
      dailyHalted: risk?.dailyHalted ?? false,
      dailyPausedUntil: risk?.dailyHalted && risk.day !== null ? (risk.day + 1) * DAY_MS : null,
      lastDailyLimitAt: lastDaily?.time ?? null,
      dayStartEquity: risk?.dayStartEquity ?? null,
      peakEquity: risk?.peakEquity ?? null,
      drawdownHaltedAt: risk?.drawdownTrippedAt ?? null,
      blocked: engine?.blocked ?? null,
    },
    feed: {
      kind: settings.feed,
      speedMs: settings.speedMs,
      barsPerSecond: state?.feed.barsPerSecond ?? null,
      lastBarTime: settings.feed === "live" ? (state?.feed.live?.lastBarClose ?? row.lastProcessedTime) : row.lastProcessedTime,
      updatedAt,
      // a live account commits only when it trades: its staleness is the feed's own report, not the commit pace
      stale: settings.feed === "live" ? account.status === "running" && state?.feed.live?.state === "stale" : stale,
      finished: state?.feed.finished === true,
      live: settings.feed === "live" ? (state?.feed.live ?? null) : null,
    },
    job: job ? { id: job.id, status: job.status, progressDone: job.progressDone, progressTotal: job.progressTotal, step: job.step } : null,
  };
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Paper against backtest per hypothesis × instrument, the backtest being the latest single run of the same pair. */
export interface PaperComparison {
  readonly period: { from: number; to: number } | null;
  readonly rows: PaperComparisonRow[];
}

const sideOf = (s: PeriodTradeStats): ComparisonSide => ({
  trades: s.trades,
  winRate: s.winRate,
  profitFactor: s.profitFactor,
  tradesPerDay: s.tradesPerDay,
  averageHoldMinutes: s.averageHoldMinutes,
});

/**
 * Paper against the latest single backtest run of each hypothesis × instrument: the whole run (its win rate's Wilson
 * 95 % interval is what drift is judged against) and the run's trades over the period paper has traded, so the
 * trade counts and rates compare like with like. Drift needs `minTrades` paper trades (the edge analysis's minimum).
 */
export async function paperComparison(db: Database, id: string, minTrades: number): Promise<PaperComparison> {
  const row = await requireAccount(db, id);
  const settings = readAccountSettings(row.settings);
  const stats = await closedTradeStats(db, id);
  const period = row.lastProcessedTime !== null && row.lastProcessedTime > settings.from ? { from: settings.from, to: row.lastProcessedTime } : null;
  const elapsedDays = period ? (period.to - period.from) / DAY_MS : 0;
  const rows: PaperComparisonRow[] = [];
  for (const leg of settings.legs) {
    const h = settings.hypotheses.find((x) => x.id === leg.hypothesisId);
    const s = stats.find((x) => x.hypothesisId === leg.hypothesisId && x.symbol === leg.symbol);
    const trades = s?.trades ?? 0;
    const paper: ComparisonSide = {
      trades,
      winRate: s && trades > 0 ? s.wins / trades : null,
      profitFactor: s && s.grossLoss > 0 ? s.grossProfit / s.grossLoss : null,
      tradesPerDay: elapsedDays > 0 ? trades / elapsedDays : null,
      averageHoldMinutes: s?.averageHoldMinutes ?? null,
    };
    const run = await latestBacktestRunFor(db, leg.hypothesisId, leg.symbol);
    let backtest: PaperComparisonRow["backtest"] = null;
    if (run) {
      const m = (run.metrics ?? {}) as Record<string, unknown>;
      const btTrades = num(m.trades) ?? 0;
      const wins = num(m.wins) ?? 0;
      const samePeriod = period ? periodTradeStats(await listTrades(db, run.id), period) : periodTradeStats([], { from: 0, to: 0 });
      backtest = {
        runId: run.id,
        from: run.fromTime,
        to: run.toTime,
        trades: btTrades,
        winRate: num(m.winRate),
        profitFactor: num(m.profitFactor),
        tradesPerDay: num(m.tradesPerDay),
        averageHoldMinutes: num(m.averageHoldMinutes),
        winRateInterval: Number.isInteger(wins) && Number.isInteger(btTrades) && wins <= btTrades ? wilsonInterval(wins, btTrades) : null,
        samePeriod: sideOf(samePeriod),
        coversPaperPeriod: period !== null && run.fromTime <= period.from && run.toTime >= period.to,
      };
    }
    const drift = paperDrift(paper, backtest?.winRateInterval ?? null, minTrades);
    rows.push({ hypothesisId: leg.hypothesisId, hypothesisName: h?.name ?? leg.hypothesisId, symbol: leg.symbol, timeframe: h?.timeframe ?? "?", paper, backtest, drift });
  }
  return { period, rows };
}

const MAX_CANDLES = 1500;

/**
 * Candles of the visible range only (never past the account's last processed bar: the replay has not "seen" later
 * ones), with the account's entries and exits in that range as markers. Default range: the last 300 bars.
 */
export async function paperCandles(db: Database, id: string, query: { symbol: string; timeframe: string; from?: number; to?: number }): Promise<PaperCandlesJson> {
  const row = await requireAccount(db, id);
  const timeframe = timeframeSchema.parse(query.timeframe);
  const ms = timeframeMs(timeframe);
  const settings = readAccountSettings(row.settings);
  const known = (row.lastProcessedTime ?? settings.from) - ms;
  const to = Math.min(query.to ?? known, known);
  const from = Math.max(query.from ?? to - 299 * ms, to - (MAX_CANDLES - 1) * ms);
  const candles = from <= to ? await loadCandles(db, query.symbol, timeframe, { fromMs: from, toMs: to }) : [];
  const positions = await listPaperPositions(db, id, { symbol: query.symbol, fromMs: from, toMs: to + ms });
  const markers: PaperCandlesJson["markers"] = [];
  for (const p of positions) {
    if (p.entryTime >= from && p.entryTime <= to + ms) markers.push({ time: p.entryTime, kind: "entry", side: p.side, price: p.entryPrice, reason: null, legId: p.legId });
    if (p.exitTime !== null && p.exitPrice !== null && p.exitTime >= from && p.exitTime <= to + ms) {
      markers.push({ time: p.exitTime, kind: "exit", side: p.side, price: p.exitPrice, reason: p.exitReason, legId: p.legId });
    }
  }
  markers.sort((a, b) => a.time - b.time);
  return { symbol: query.symbol, timeframe, candles, markers };
}
