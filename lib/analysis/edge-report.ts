import { DEFAULT_WALK_FORWARD } from "@/lib/config-schema";
import { type TradingTimeframe, tradingTimeframeSchema } from "@/lib/market/timeframe";
import { type ClaimVerdict, claimVerdict } from "./claim-verdict";
import { type BootstrapOptions, DEFAULT_BOOTSTRAP, type TradeBootstrap, bootstrapTradeStats } from "./bootstrap";
import { type BacktestOverfitting, probabilityOfBacktestOverfitting } from "./backtest-overfitting";
import { type CompositeScore, compositeScore } from "./composite-score";
import { type CrossInstrumentSummary, crossInstrumentSummary } from "./cross-instrument";
import { DAYS_PER_YEAR, deflatedSharpe, perPeriodSharpe, probabilisticSharpe } from "./deflated-sharpe";
import { type EdgeStatus, type EdgeThresholds, type EdgeVerdict, judgeEdge } from "./edge-verdict";
import { AnalysisError } from "./errors";
import type { Interval } from "./interval";
import { type OutOfSampleResult, evaluateOutOfSample } from "./out-of-sample";
import { periodDailyReturns } from "./period-daily-returns";
import { returnMoments } from "./return-moments";
import { type SegmentMetrics, segmentMetrics } from "./segment-metrics";
import { DEFAULT_IN_SAMPLE_FRACTION } from "./split-trades";
import type { AnalysisTrade, BacktestedRun, EquityPoints, RunSample } from "./types";
import { type WalkForwardWindowResult, evaluateWalkForward } from "./walk-forward";
import { type WalkForwardSettings, type WalkForwardStability, walkForwardStability } from "./walk-forward-stability";
import { wilsonInterval } from "./wilson-interval";

export interface EdgeReportHypothesis {
  readonly id: string;
  readonly name: string;
  readonly timeframe: TradingTimeframe;
  readonly direction: string;
  /** The hypothesis's claimed win rate, shown beside the measured one. */
  readonly expectedAccuracy: number | null;
}

/** One hypothesis × instrument trial. */
export interface EdgeReportRun {
  readonly hypothesis: EdgeReportHypothesis;
  readonly symbol: string;
  readonly trades: readonly AnalysisTrade[];
  readonly startingEquity: number;
  /** The tested period: first bar open to last bar close. */
  readonly fromTime: number;
  readonly toTime: number;
  /** The run's marked-to-market equity (the stored, thinned curve is fine); without it Sharpe uses realised PnL. */
  readonly equity?: EquityPoints | null;
}

/** Builds a report input from a research run; the hypothesis's expected accuracy and the starting equity are not on the run. */
export function edgeRunFromHypothesisRun(run: BacktestedRun, expectedAccuracy: number | null, startingEquity: number): EdgeReportRun {
  const timeframe = tradingTimeframeSchema.safeParse(run.timeframe);
  if (!timeframe.success) throw new AnalysisError("UNKNOWN_TIMEFRAME", `run ${run.hypothesisId} on ${run.symbol} has timeframe "${run.timeframe}", not a trading timeframe`);
  return {
    hypothesis: { id: run.hypothesisId, name: run.hypothesisName, timeframe: timeframe.data, direction: run.direction, expectedAccuracy },
    symbol: run.symbol,
    trades: run.trades,
    startingEquity,
    fromTime: run.fromTime,
    toTime: run.toTime,
    equity: run.equity,
  };
}

export interface DeflatedSharpeEntry {
  /** Per-day (NOT annualised) Sharpe of the full period's daily returns: annualised / √365. */
  readonly dailySharpe: number | null;
  readonly observations: number;
  readonly skewness: number | null;
  readonly kurtosis: number | null;
  /** N: every hypothesis × instrument in the report. */
  readonly trials: number;
  /** Sample variance of the per-day Sharpes of all trials that had one. */
  readonly sharpeVariance: number;
  /** SR₀, per day. */
  readonly expectedMaxSharpe: number;
  /** PSR against 0: probability the true Sharpe is positive, ignoring selection. */
  readonly probabilisticSharpe: number | null;
  /** PSR against SR₀: after accounting for picking the best of N trials. */
  readonly deflatedSharpe: number | null;
}

export interface EdgeReportEntry {
  readonly hypothesisId: string;
  readonly hypothesisName: string;
  readonly timeframe: TradingTimeframe;
  readonly direction: string;
  readonly symbol: string;
  readonly fromTime: number;
  readonly toTime: number;
  readonly rank: number;
  /** Whole period: metrics and verdict (for reference; the overall verdict is the split one). */
  readonly full: { readonly metrics: SegmentMetrics; readonly verdict: EdgeVerdict };
  readonly cutTime: number;
  readonly inSample: OutOfSampleResult["inSample"];
  readonly outOfSample: OutOfSampleResult["outOfSample"];
  /**
   * Pass only if in-sample and out-of-sample both pass, the deflated Sharpe clears the multiple-testing gate and (with
   * the walk-forward gate at "fail") the profit does not live in one walk-forward window.
   */
  readonly overall: EdgeStatus;
  /** Why the overall verdict is not a pass (empty when it is). */
  readonly overallReasons: string[];
  readonly expectedAccuracy: number | null;
  readonly measuredWinRate: number | null;
  readonly winRateWilson: Interval | null;
  /** Expected accuracy against the measured win rate's Wilson interval: supported / contradicted / inconclusive. */
  readonly expectedAccuracyVerdict: ClaimVerdict | null;
  readonly bootstrap: TradeBootstrap;
  readonly deflatedSharpe: DeflatedSharpeEntry;
  /** The rolling walk-forward test windows, in time order, and how evenly they share the profit. */
  readonly walkForward: { readonly windows: WalkForwardWindowResult[]; readonly stability: WalkForwardStability };
  readonly composite: CompositeScore;
}

export interface RankingRow {
  readonly rank: number;
  readonly hypothesisId: string;
  readonly symbol: string;
  readonly score: number;
  readonly overall: EdgeStatus;
}

export interface EdgeReport {
  readonly trials: number;
  readonly thresholds: EdgeThresholds;
  readonly walkForward: WalkForwardSettings;
  readonly inSampleFraction: number;
  /** In ranking order. */
  readonly entries: EdgeReportEntry[];
  readonly ranking: RankingRow[];
  /** Per hypothesis (in order of first appearance), consistency of the overall verdict across instruments. */
  readonly crossInstrument: { readonly hypothesisId: string; readonly hypothesisName: string; readonly summary: CrossInstrumentSummary }[];
  /**
   * The whole search's probability of backtest overfitting (CSCV over every trial's daily returns on their common
   * days); null when the trials share too few days. Absent in reports stored before it was measured.
   */
  readonly overfitting?: BacktestOverfitting | null;
}

export interface EdgeReportOptions {
  readonly thresholds: EdgeThresholds;
  /** Default: the configuration's defaults. */
  readonly walkForward?: WalkForwardSettings;
  readonly inSampleFraction?: number;
  /** Each entry's bootstrap is seeded with `${seed}/${hypothesisId}/${symbol}`, so it does not depend on run order. */
  readonly bootstrap?: BootstrapOptions;
}

/**
 * The split verdict, then the gates a split pass must clear:
 * - multiple testing: with N trials some will pass by luck, so a pass also needs the deflated Sharpe (the probability
 *   that the Sharpe beats the best of N lucky draws) at or above the configured level;
 * - walk-forward (when its gate is "fail"): a profit that lives in one window is one episode, not a repeatable edge.
 */
function overallVerdict(
  split: OutOfSampleResult,
  deflated: number | null,
  stability: WalkForwardStability,
  options: { minDeflated: number; trials: number; walkForwardGate: WalkForwardSettings["gate"] },
): { overall: EdgeStatus; overallReasons: string[] } {
  const reasons = [
    ...split.inSample.verdict.reasons.map((r) => `in sample: ${r}`),
    ...split.outOfSample.verdict.reasons.map((r) => `out of sample: ${r}`),
  ];
  if (split.overall !== "pass") return { overall: split.overall, overallReasons: reasons };
  const gates: string[] = [];
  if (deflated === null || deflated < options.minDeflated) {
    const value = deflated === null ? "n/a" : deflated.toFixed(2);
    gates.push(`deflated Sharpe ${value} < ${options.minDeflated} over ${options.trials} trials: likely luck`);
  }
  if (options.walkForwardGate === "fail") gates.push(...stability.reasons.map((r) => `walk-forward: ${r}`));
  return { overall: gates.length > 0 ? "fail" : "pass", overallReasons: gates };
}

/** Code-unit order, not locale order: the ranking must not depend on the machine's locale. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return ss / (values.length - 1);
}

/** CSCV over every trial's daily returns on the days all of them cover (timeframes end their periods a bar apart). */
function searchOverfitting(samples: readonly RunSample[]): BacktestOverfitting | null {
  if (samples.length === 0) return null;
  const common = { from: Math.max(...samples.map((s) => s.from)), to: Math.min(...samples.map((s) => s.to)) };
  if (common.to <= common.from) return null;
  return probabilityOfBacktestOverfitting(samples.map((s) => periodDailyReturns(s, common)));
}

/**
 * The edge report: per hypothesis × instrument the in-sample / out-of-sample verdicts, the walk-forward windows and
 * their stability, the deflated Sharpe, bootstrap and Wilson intervals and a composite score; then the ranking and
 * cross-instrument consistency.
 * - Sharpe (all segments and the DSR) comes from daily returns of the run's equity — see period-daily-returns.
 * - DSR: N = number of runs given (every hypothesis × instrument actually tried, passing or not), V = sample variance
 *   of their per-day Sharpes (0 with fewer than two, which makes SR₀ = 0 and the DSR the plain PSR).
 * - The composite score uses whole-period metrics and the DSR; ties rank by hypothesis id, then symbol.
 * Every number is finite or null, so the report serialises as JSON unchanged.
 */
export function buildEdgeReport(runs: readonly EdgeReportRun[], options: EdgeReportOptions): EdgeReport {
  const { thresholds } = options;
  const walkForward = options.walkForward ?? DEFAULT_WALK_FORWARD;
  const inSampleFraction = options.inSampleFraction ?? DEFAULT_IN_SAMPLE_FRACTION;
  const seed = options.bootstrap?.seed ?? DEFAULT_BOOTSTRAP.seed;

  const measured = runs.map((run) => {
    const sample: RunSample = { trades: run.trades, startingEquity: run.startingEquity, from: run.fromTime, to: run.toTime, equity: run.equity ?? null };
    const period = { from: run.fromTime, to: run.toTime };
    const full = segmentMetrics(sample, period);
    const moments = returnMoments(periodDailyReturns(sample, period));
    const dailySharpe = full.sharpe === null ? null : perPeriodSharpe(full.sharpe, DAYS_PER_YEAR);
    return { run, sample, full, moments, dailySharpe };
  });

  const trials = runs.length;
  const sharpeVariance = sampleVariance(measured.flatMap((m) => (m.dailySharpe === null ? [] : [m.dailySharpe])));

  const unranked = measured.map(({ run, sample, full, moments, dailySharpe }) => {
    const h = run.hypothesis;
    const split = evaluateOutOfSample(sample, h.timeframe, thresholds, inSampleFraction);
    const windows = evaluateWalkForward(sample, h.timeframe, thresholds, walkForward);
    const stability = walkForwardStability(windows, walkForward);
    const shape = dailySharpe !== null && moments !== null ? { sharpe: dailySharpe, observations: moments.observations, skewness: moments.skewness, kurtosis: moments.kurtosis } : null;
    const deflated = shape ? deflatedSharpe(shape, trials, sharpeVariance) : null;
    const dsr: DeflatedSharpeEntry = {
      dailySharpe,
      observations: full.days,
      skewness: moments?.skewness ?? null,
      kurtosis: moments?.kurtosis ?? null,
      trials,
      sharpeVariance,
      expectedMaxSharpe: deflated?.expectedMaxSharpe ?? 0,
      probabilisticSharpe: shape ? probabilisticSharpe(shape, 0) : null,
      deflatedSharpe: deflated?.deflatedSharpe ?? null,
    };
    const wilson = wilsonInterval(full.wins, full.trades);
    return {
      hypothesisId: h.id,
      hypothesisName: h.name,
      timeframe: h.timeframe,
      direction: h.direction,
      symbol: run.symbol,
      fromTime: run.fromTime,
      toTime: run.toTime,
      full: { metrics: full, verdict: judgeEdge(full, h.timeframe, thresholds) },
      cutTime: split.cutTime,
      inSample: split.inSample,
      outOfSample: split.outOfSample,
      ...overallVerdict(split, dsr.deflatedSharpe, stability, { minDeflated: thresholds.minDeflatedSharpe, trials, walkForwardGate: walkForward.gate }),
      expectedAccuracy: h.expectedAccuracy,
      measuredWinRate: full.winRate,
      winRateWilson: wilson,
      expectedAccuracyVerdict: h.expectedAccuracy === null ? null : claimVerdict(wilson, h.expectedAccuracy),
      bootstrap: bootstrapTradeStats(
        run.trades.map((t) => t.netPnl),
        { ...options.bootstrap, seed: `${String(seed)}/${h.id}/${run.symbol}` },
      ),
      deflatedSharpe: dsr,
      walkForward: { windows, stability },
      composite: compositeScore({ ...full, deflatedSharpe: dsr.deflatedSharpe }, h.timeframe, thresholds),
    };
  });

  const ordered = [...unranked].sort((a, b) => b.composite.score - a.composite.score || compareText(a.hypothesisId, b.hypothesisId) || compareText(a.symbol, b.symbol));
  const entries: EdgeReportEntry[] = ordered.map((e, i) => ({ ...e, rank: i + 1 }));

  const byHypothesis = new Map<string, { name: string; verdicts: { symbol: string; status: EdgeStatus }[] }>();
  for (const e of unranked) {
    const group = byHypothesis.get(e.hypothesisId) ?? { name: e.hypothesisName, verdicts: [] };
    group.verdicts.push({ symbol: e.symbol, status: e.overall });
    byHypothesis.set(e.hypothesisId, group);
  }

  return {
    trials,
    overfitting: searchOverfitting(measured.map((m) => m.sample)),
    thresholds,
    walkForward,
    inSampleFraction,
    entries,
    ranking: entries.map((e) => ({ rank: e.rank, hypothesisId: e.hypothesisId, symbol: e.symbol, score: e.composite.score, overall: e.overall })),
    crossInstrument: [...byHypothesis].map(([hypothesisId, g]) => ({ hypothesisId, hypothesisName: g.name, summary: crossInstrumentSummary(g.verdicts) })),
  };
}
