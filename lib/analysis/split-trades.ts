import { AnalysisError } from "./errors";
import type { Period } from "./types";

/** Default in-sample share of the period: the first 70 % is in-sample, the last 30 % out-of-sample. */
export const DEFAULT_IN_SAMPLE_FRACTION = 0.7;

/** The cut between in-sample and out-of-sample: from + fraction × (to − from), rounded to a whole millisecond. */
export function splitTime(period: Period, fraction: number = DEFAULT_IN_SAMPLE_FRACTION): number {
  if (!(period.to > period.from)) throw new AnalysisError("INVALID_PERIOD", `period must end after it starts, got [${period.from}, ${period.to})`);
  if (!(fraction > 0 && fraction < 1)) throw new AnalysisError("INVALID_PARAMETER", `split fraction must be in (0, 1), got ${fraction}`);
  return period.from + Math.round(fraction * (period.to - period.from));
}

/**
 * Trades that ENTERED within [from, to). Entry time decides because that is when the hypothesis made its call: a trade
 * opened in-sample and closed after the cut is still an in-sample decision.
 */
export function tradesEnteredIn<T extends { readonly entryTime: number }>(trades: readonly T[], period: Period): T[] {
  return trades.filter((t) => t.entryTime >= period.from && t.entryTime < period.to);
}

/** Trades split at `cutTime` by entry: before (entry < cut) and after (entry ≥ cut). Order is kept. */
export function splitTradesAt<T extends { readonly entryTime: number }>(trades: readonly T[], cutTime: number): { before: T[]; after: T[] } {
  const before: T[] = [];
  const after: T[] = [];
  for (const t of trades) (t.entryTime < cutTime ? before : after).push(t);
  return { before, after };
}
