import { buildEdgeReport, edgeRunFromHypothesisRun, type EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { EdgeCheckName } from "@/lib/analysis/edge-verdict";
import type { Trade } from "@/lib/backtest/types";
import type { AppConfig } from "@/lib/config-schema";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { backtestSettingsFromConfig } from "../hypothesis-runs/backtest-settings";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { runHypotheses, type HypothesisRun } from "../hypothesis-runs/run-hypotheses";

/** Backtests hypotheses on one instrument: `runHypotheses` in process, or the same on worker threads. */
export type BacktestRunner = (bundle: MarketBundle, hypotheses: readonly Hypothesis[]) => Promise<HypothesisRun[]>;

/** The runner without threads, at the configured fees and sizing. */
export function inProcessRunner(config: AppConfig): BacktestRunner {
  const settings = backtestSettingsFromConfig(config);
  return async (bundle, hypotheses) => runHypotheses(bundle, hypotheses, settings, config.regime);
}

/** The matching hypothesis on one instrument: its verdict and what it measured, for power and its estimate. */
export interface MatchingTrial {
  readonly symbol: string;
  readonly passed: boolean;
  /** The checks it failed, e.g. "out of sample: trades", "deflated Sharpe", "walk-forward" (empty when it passed). */
  readonly blockers: readonly string[];
  readonly trades: number;
  /** Net return per trade, basis points of the entry notional. */
  readonly meanBps: number | null;
  readonly sdBps: number | null;
  /** Whole-run win rate, profit factor (Infinity without losing PnL) and annualised Sharpe. */
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly sharpe: number | null;
  /** What the deflated Sharpe read: the per-day Sharpe and its days and shape, and the trials' Sharpe spread. */
  readonly dailySharpe: number | null;
  readonly days: number;
  readonly skewness: number | null;
  readonly kurtosis: number | null;
  readonly sharpeVariance: number;
  readonly deflatedSharpe: number | null;
}

export interface MarketJudgement {
  /** Hypotheses × instruments: the deflated Sharpe's N. */
  readonly trials: number;
  /** Everything the final report would count as passing. */
  readonly passing: readonly { readonly hypothesisName: string; readonly symbol: string }[];
  readonly matching: readonly MatchingTrial[];
}

/** The split's failed checks, or else the gates after it (named by the report's reasons: "deflated Sharpe …", "walk-forward: …"). */
function blockersOf(entry: EdgeReportEntry): string[] {
  const halves = [
    ["in sample", entry.inSample.verdict],
    ["out of sample", entry.outOfSample.verdict],
  ] as const;
  const failed = halves.flatMap(([half, verdict]) => verdict.checks.filter((c) => !c.pass).map((c) => `${half}: ${CHECK_LABELS[c.name]}`));
  if (failed.length > 0 || entry.overall === "pass") return failed;
  return GATES.filter((gate) => entry.overallReasons.some((r) => r.startsWith(gate)));
}

const CHECK_LABELS: Record<EdgeCheckName, string> = { trades: "trades", winRate: "win rate", profitFactor: "profit factor", sharpe: "Sharpe" };
const GATES = ["deflated Sharpe", "walk-forward"] as const;

function returnMoments(trades: readonly Trade[]): { meanBps: number | null; sdBps: number | null } {
  if (trades.length === 0) return { meanBps: null, sdBps: null };
  const bps = trades.map((t) => (t.netPnl / (t.entryPrice * t.qty)) * 1e4);
  const mean = bps.reduce((a, b) => a + b, 0) / bps.length;
  if (bps.length < 2) return { meanBps: mean, sdBps: null };
  const variance = bps.reduce((a, b) => a + (b - mean) ** 2, 0) / (bps.length - 1);
  return { meanBps: mean, sdBps: Math.sqrt(variance) };
}

function matchingTrial(entry: EdgeReportEntry, run: HypothesisRun | undefined): MatchingTrial {
  const full = entry.full.metrics;
  const dsr = entry.deflatedSharpe;
  return {
    symbol: entry.symbol,
    passed: entry.overall === "pass",
    blockers: blockersOf(entry),
    trades: full.trades,
    ...returnMoments(run?.trades ?? []),
    winRate: full.winRate,
    profitFactor: full.profitFactorUnbounded ? Number.POSITIVE_INFINITY : full.profitFactor,
    sharpe: full.sharpe,
    dailySharpe: dsr.dailySharpe,
    days: dsr.observations,
    skewness: dsr.skewness,
    kurtosis: dsr.kurtosis,
    sharpeVariance: dsr.sharpeVariance,
    deflatedSharpe: dsr.deflatedSharpe,
  };
}

/**
 * The pipeline's decision on one market, in memory: every hypothesis backtested on every instrument, then the edge
 * report over all of those trials with the configured thresholds and gates, as the analysis phase builds it — a pass
 * is what the final report counts as one (both halves pass, then the deflated Sharpe and walk-forward gates).
 */
export async function judgeMarket(
  bundles: readonly MarketBundle[],
  hypotheses: readonly Hypothesis[],
  config: AppConfig,
  backtest: BacktestRunner,
  matchingName: string,
): Promise<MarketJudgement> {
  const byId = new Map(hypotheses.map((h) => [h.id, h]));
  const runs = (await Promise.all(bundles.map((bundle) => backtest(bundle, hypotheses)))).flat();
  const { startingEquity } = backtestSettingsFromConfig(config);
  const edgeRuns = runs.map((run) => edgeRunFromHypothesisRun(run, byId.get(run.hypothesisId)?.expectedAccuracy ?? null, startingEquity));
  // The verdicts do not read the bootstrap intervals, so one resample keeps them as they are at a fraction of the time.
  const report = buildEdgeReport(edgeRuns, { thresholds: config.edgeThresholds, walkForward: config.walkForward, bootstrap: { resamples: 1 } });
  const passing = report.entries.filter((e) => e.overall === "pass").map((e) => ({ hypothesisName: e.hypothesisName, symbol: e.symbol }));
  const matching = report.entries
    .filter((e) => e.hypothesisName === matchingName)
    .map((e) => matchingTrial(e, runs.find((r) => r.hypothesisId === e.hypothesisId && r.symbol === e.symbol)))
    .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return { trials: report.trials, passing, matching };
}
