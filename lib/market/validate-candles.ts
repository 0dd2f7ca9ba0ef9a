import type { Candle } from "./candle";
import { toCandleSeries, type CandleSeries } from "./series";
import { bucketStarter, timeframeMs, type Timeframe } from "./timeframe";
import { describeTime } from "./describe-time";
import { describeRow, type RowOrigins } from "./row-origins";

export type CandleIssueCode =
  | "non-finite"
  | "low-above-high"
  | "low-above-body"
  | "high-below-body"
  | "negative-volume"
  | "duplicate-time"
  | "time-not-increasing"
  | "misaligned-time";

export interface CandleIssue {
  /** 0-based index of the bar in the input (the message names its file line when the origins are known). */
  row: number;
  time: number;
  code: CandleIssueCode;
  message: string;
}

/** A run of absent bars: `fromMs` and `toMs` are the open times of the first and last missing bar. */
export interface CandleGap {
  fromMs: number;
  toMs: number;
  missing: number;
}

export interface CandleValidationReport {
  ok: boolean;
  rows: number;
  /** Every problem found; `issues` lists at most `maxIssues` of them. */
  issueCount: number;
  issues: CandleIssue[];
  gaps: CandleGap[];
  missingBars: number;
}

export interface ValidateCandlesOptions {
  /** Cap on listed issues, so a wholly broken file cannot produce a million-entry report. Default 1000. */
  maxIssues?: number;
  /** Where each bar came from in its file; without it messages number the bars from 1. */
  origins?: RowOrigins;
}

export class CandleValidationError extends Error {
  readonly code = "CANDLES_INVALID";
  constructor(
    message: string,
    readonly report: CandleValidationReport,
  ) {
    super(message);
    this.name = "CandleValidationError";
  }
}

const FIELDS = ["time", "open", "high", "low", "close", "volume"] as const;

/**
 * Checks bar-level consistency (finite numbers, low ≤ open/close ≤ high, volume ≥ 0), strictly increasing
 * timeframe-aligned times, and reports gaps. Gaps are not issues: real exchange data has them.
 */
export function validateCandleSeries(series: CandleSeries, options: ValidateCandlesOptions = {}): CandleValidationReport {
  const maxIssues = options.maxIssues ?? 1000;
  const step = timeframeMs(series.timeframe);
  const issues: CandleIssue[] = [];
  const gaps: CandleGap[] = [];
  let issueCount = 0;
  let missingBars = 0;
  const report = (row: number, time: number, code: CandleIssueCode, reason: string): void => {
    issueCount++;
    if (issues.length < maxIssues) issues.push({ row, time, code, message: `${describeRow(row, options.origins, "Candle")} (${describeTime(time)}): ${reason}` });
  };
  let previous = Number.NaN;
  const gridStart = bucketStarter(series.timeframe);
  for (let i = 0; i < series.length; i++) {
    const t = series.time[i] ?? Number.NaN;
    const o = series.open[i] ?? Number.NaN;
    const h = series.high[i] ?? Number.NaN;
    const l = series.low[i] ?? Number.NaN;
    const c = series.close[i] ?? Number.NaN;
    const v = series.volume[i] ?? Number.NaN;
    const allFinite =
      Number.isFinite(t) && Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c) && Number.isFinite(v);
    if (!allFinite) {
      const values = [t, o, h, l, c, v];
      const bad = FIELDS.flatMap((name, f) => (Number.isFinite(values[f]) ? [] : [`${name} is ${String(values[f])}`]));
      report(i, t, "non-finite", bad.join(", "));
    } else {
      if (l > h) report(i, t, "low-above-high", `low ${l} is above high ${h}`);
      if (l > o || l > c) report(i, t, "low-above-body", `low ${l} is above ${l > o ? `open ${o}` : `close ${c}`}`);
      if (h < o || h < c) report(i, t, "high-below-body", `high ${h} is below ${h < o ? `open ${o}` : `close ${c}`}`);
      if (v < 0) report(i, t, "negative-volume", `volume ${v} is negative`);
    }
    if (!Number.isFinite(t)) continue;
    if (gridStart(t) !== t) {
      report(i, t, "misaligned-time", `time is not on the ${series.timeframe} grid`);
    }
    if (t === previous) {
      report(i, t, "duplicate-time", "same time as the row before");
    } else if (t < previous) {
      report(i, t, "time-not-increasing", `time is before the previous row (${describeTime(previous)})`);
    } else if (t - previous > step) {
      const missing = Math.ceil((t - previous) / step) - 1;
      gaps.push({ fromMs: previous + step, toMs: previous + missing * step, missing });
      missingBars += missing;
    }
    if (!(t < previous)) previous = t;
  }
  return { ok: issueCount === 0, rows: series.length, issueCount, issues, gaps, missingBars };
}

export function validateCandles(
  candles: readonly Candle[],
  timeframe: Timeframe,
  options: ValidateCandlesOptions = {},
): CandleValidationReport {
  return validateCandleSeries(toCandleSeries("", timeframe, candles), options);
}

/** Throws CandleValidationError naming the first bad row (by its file line when `origins` says it); gaps alone are accepted. */
export function assertValidCandles(candles: readonly Candle[], timeframe: Timeframe, origins?: RowOrigins): void {
  throwIfInvalid(validateCandles(candles, timeframe, { maxIssues: 20, origins }), timeframe);
}

export function assertValidCandleSeries(series: CandleSeries, origins?: RowOrigins): void {
  throwIfInvalid(validateCandleSeries(series, { maxIssues: 20, origins }), series.timeframe);
}

function throwIfInvalid(report: CandleValidationReport, timeframe: Timeframe): void {
  const first = report.issues[0];
  if (first === undefined) return;
  const others = report.issueCount - 1;
  const more = others > 0 ? ` (and ${others} more problem${others > 1 ? "s" : ""})` : "";
  throw new CandleValidationError(`Invalid ${timeframe} candles: ${first.message}${more}`, report);
}
