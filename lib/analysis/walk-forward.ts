import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { EdgeStatus, EdgeThresholds } from "./edge-verdict";
import { AnalysisError } from "./errors";
import { evaluateSegment } from "./out-of-sample";
import type { SegmentMetrics } from "./segment-metrics";
import type { RunSample } from "./types";

export interface WalkForwardOptions {
  /** Number of rolling windows; default 4. */
  readonly windows?: number;
  /** Share of each window used for training (in-sample); default 0.7. */
  readonly trainFraction?: number;
}

export interface WalkForwardWindow {
  readonly index: number;
  /** Train segment [trainFrom, trainTo) followed directly by the test segment [trainTo, testTo). */
  readonly trainFrom: number;
  readonly trainTo: number;
  readonly testTo: number;
}

/**
 * Rolling windows of equal length W, each a train segment (trainFraction × W) then a test segment, stepped by the test
 * length so the test segments tile the end of the period without overlap and the last window ends at `to`:
 * span = W + (k − 1)·(1 − f)·W, so W = span / (1 + (k − 1)(1 − f)). Boundaries are rounded to whole milliseconds.
 */
export function walkForwardWindows(from: number, to: number, options: WalkForwardOptions = {}): WalkForwardWindow[] {
  const k = options.windows ?? 4;
  const f = options.trainFraction ?? 0.7;
  if (!(to > from)) throw new AnalysisError("INVALID_PERIOD", `period must end after it starts, got [${from}, ${to})`);
  if (!Number.isInteger(k) || k < 1) throw new AnalysisError("INVALID_PARAMETER", `windows must be a positive integer, got ${k}`);
  if (!(f > 0 && f < 1)) throw new AnalysisError("INVALID_PARAMETER", `trainFraction must be in (0, 1), got ${f}`);
  const length = (to - from) / (1 + (k - 1) * (1 - f));
  const step = (1 - f) * length;
  const windows: WalkForwardWindow[] = [];
  for (let i = 0; i < k; i++) {
    const start = from + Math.round(i * step);
    windows.push({
      index: i,
      trainFrom: start,
      trainTo: start + Math.round(f * length),
      testTo: i === k - 1 ? to : start + Math.round(length),
    });
  }
  return windows;
}

/** One window's test segment, judged and measured on its own. */
export interface WalkForwardWindowResult {
  readonly index: number;
  /** Metrics of the trades entered in the test segment [from, to), and the run's Sharpe over it. */
  readonly metrics: SegmentMetrics;
  readonly status: EdgeStatus;
  /** Net PnL over the starting equity, so windows (and runs) compare. */
  readonly netReturn: number;
}

/**
 * Judges the hypothesis on every window's test segment. The train segments are not judged: the hypotheses are fixed
 * before the backtest, so a train segment is only the history a test segment follows; it sets where the tests fall.
 */
export function evaluateWalkForward(sample: RunSample, timeframe: TradingTimeframe, thresholds: EdgeThresholds, options: WalkForwardOptions = {}): WalkForwardWindowResult[] {
  return walkForwardWindows(sample.from, sample.to, options).map((window) => {
    const test = evaluateSegment(sample, { from: window.trainTo, to: window.testTo }, timeframe, thresholds);
    return { index: window.index, metrics: test.metrics, status: test.verdict.status, netReturn: test.metrics.netPnl / sample.startingEquity };
  });
}
