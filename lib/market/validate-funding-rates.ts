import type { FundingRate } from "./candle";
import { describeTime } from "./describe-time";
import { describeRow, type RowOrigins } from "./row-origins";

/** Perpetual funding is capped by exchanges at a few tenths of a percent; 5% means the data is in percent or broken. */
export const FUNDING_RATE_SANITY_BOUND = 0.05;

export type FundingIssueCode = "non-finite" | "rate-out-of-bounds" | "duplicate-time" | "time-not-increasing";

export interface FundingIssue {
  /** 0-based index of the rate in the input (the message names its file line when the origins are known). */
  row: number;
  time: number;
  code: FundingIssueCode;
  message: string;
}

export interface FundingValidationReport {
  ok: boolean;
  rows: number;
  issueCount: number;
  issues: FundingIssue[];
}

export class FundingValidationError extends Error {
  readonly code = "FUNDING_RATES_INVALID";
  constructor(
    message: string,
    readonly report: FundingValidationReport,
  ) {
    super(message);
    this.name = "FundingValidationError";
  }
}

/** Checks finite values, |rate| < 0.05 and strictly increasing times. Funding times are not forced onto a grid: exchanges stamp them a few ms late. */
export function validateFundingRates(rates: readonly FundingRate[], options: { maxIssues?: number; origins?: RowOrigins } = {}): FundingValidationReport {
  const maxIssues = options.maxIssues ?? 1000;
  const issues: FundingIssue[] = [];
  let issueCount = 0;
  const report = (row: number, time: number, code: FundingIssueCode, reason: string): void => {
    issueCount++;
    if (issues.length < maxIssues) issues.push({ row, time, code, message: `${describeRow(row, options.origins, "Funding rate")} (${describeTime(time)}): ${reason}` });
  };
  let previous = Number.NaN;
  rates.forEach(({ time, rate }, row) => {
    if (!Number.isFinite(time)) report(row, time, "non-finite", `time is ${String(time)}`);
    if (!Number.isFinite(rate)) report(row, time, "non-finite", `rate is ${String(rate)}`);
    else if (Math.abs(rate) >= FUNDING_RATE_SANITY_BOUND) {
      report(row, time, "rate-out-of-bounds", `rate ${rate} is not within ±${FUNDING_RATE_SANITY_BOUND} (is it in percent?)`);
    }
    if (!Number.isFinite(time)) return;
    if (time === previous) report(row, time, "duplicate-time", "same time as the row before");
    else if (time < previous) report(row, time, "time-not-increasing", `time is before the previous row (${describeTime(previous)})`);
    else previous = time;
  });
  return { ok: issueCount === 0, rows: rates.length, issueCount, issues };
}

/** Throws FundingValidationError naming the first bad row (by its file line when `origins` says it). */
export function assertValidFundingRates(rates: readonly FundingRate[], origins?: RowOrigins): void {
  const report = validateFundingRates(rates, { maxIssues: 20, origins });
  const first = report.issues[0];
  if (first === undefined) return;
  const others = report.issueCount - 1;
  const more = others > 0 ? ` (and ${others} more problem${others > 1 ? "s" : ""})` : "";
  throw new FundingValidationError(`Invalid funding rates: ${first.message}${more}`, report);
}
