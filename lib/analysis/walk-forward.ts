import type { TradingTimeframe } from "@/lib/config-schema";
import type { EdgeStatus, EdgeThresholds } from "./edge-verdict";
import { AnalysisError } from "./errors";
import { type SegmentEvaluation, evaluateSegment } from "./out-of-sample";
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

export interface WalkForwardResult {
  readonly windows: { readonly window: WalkForwardWindow; readonly train: SegmentEvaluation; readonly test: SegmentEvaluation }[];
  /** All test segments together: [first test start, to). */
  readonly pooledTest: SegmentEvaluation;
  readonly testPasses: number;
  readonly testFails: number;
  readonly testInsufficient: number;
}

/** Judges the hypothesis on every window's train and test segment, and on the pooled test segments. */
export function evaluateWalkForward(sample: RunSample, timeframe: TradingTimeframe, thresholds: EdgeThresholds, options: WalkForwardOptions = {}): WalkForwardResult {
  const windows = walkForwardWindows(sample.from, sample.to, options).map((window) => ({
    window,
    train: evaluateSegment(sample, { from: window.trainFrom, to: window.trainTo }, timeframe, thresholds),
    test: evaluateSegment(sample, { from: window.trainTo, to: window.testTo }, timeframe, thresholds),
  }));
  const firstTest = windows[0]?.window.trainTo ?? sample.from;
  const count = (status: EdgeStatus) => windows.filter((w) => w.test.verdict.status === status).length;
  return {
    windows,
    pooledTest: evaluateSegment(sample, { from: firstTest, to: sample.to }, timeframe, thresholds),
    testPasses: count("pass"),
    testFails: count("fail"),
    testInsufficient: count("insufficient_data"),
  };
}
