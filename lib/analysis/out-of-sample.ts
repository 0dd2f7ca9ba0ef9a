import type { TradingTimeframe } from "@/lib/market/timeframe";
import { type EdgeStatus, type EdgeThresholds, type EdgeVerdict, judgeEdge } from "./edge-verdict";
import { type SegmentMetrics, segmentMetrics } from "./segment-metrics";
import { DEFAULT_IN_SAMPLE_FRACTION, splitTime } from "./split-trades";
import type { Period, RunSample } from "./types";

export interface SegmentEvaluation {
  readonly metrics: SegmentMetrics;
  readonly verdict: EdgeVerdict;
}

export interface OutOfSampleResult {
  readonly cutTime: number;
  readonly inSample: SegmentEvaluation;
  readonly outOfSample: SegmentEvaluation;
  /** Pass only if both halves pass (see combineStatuses). */
  readonly overall: EdgeStatus;
}

/**
 * Both segments must hold up: any `fail` fails (more data cannot rescue a measured failure), otherwise any
 * `insufficient_data` leaves the whole undecided, and only pass + pass passes.
 */
export function combineStatuses(statuses: readonly EdgeStatus[]): EdgeStatus {
  if (statuses.includes("fail")) return "fail";
  if (statuses.length === 0 || statuses.includes("insufficient_data")) return "insufficient_data";
  return "pass";
}

export function evaluateSegment(sample: RunSample, period: Period, timeframe: TradingTimeframe, thresholds: EdgeThresholds): SegmentEvaluation {
  const metrics = segmentMetrics(sample, period);
  return { metrics, verdict: judgeEdge(metrics, timeframe, thresholds) };
}

/**
 * Time split of the run's period at from + fraction × span (default 70 % in-sample, 30 % out-of-sample); trades are
 * assigned by entry time and each half is judged against the same thresholds.
 */
export function evaluateOutOfSample(
  sample: RunSample,
  timeframe: TradingTimeframe,
  thresholds: EdgeThresholds,
  inSampleFraction: number = DEFAULT_IN_SAMPLE_FRACTION,
): OutOfSampleResult {
  const cutTime = splitTime(sample, inSampleFraction);
  const inSample = evaluateSegment(sample, { from: sample.from, to: cutTime }, timeframe, thresholds);
  const outOfSample = evaluateSegment(sample, { from: cutTime, to: sample.to }, timeframe, thresholds);
  return { cutTime, inSample, outOfSample, overall: combineStatuses([inSample.verdict.status, outOfSample.verdict.status]) };
}
