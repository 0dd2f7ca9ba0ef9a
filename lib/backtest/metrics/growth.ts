import { DAY_MS } from "./daily-returns";

const YEAR_MS = 365 * DAY_MS;

export function netReturn(finalEquity: number, startingEquity: number): number {
  return finalEquity / startingEquity - 1;
}

/** Compound annual growth over the tested period; −1 once equity is wiped out, null for an empty period. */
export function cagr(finalEquity: number, startingEquity: number, periodMs: number): number | null {
  if (!(periodMs > 0)) return null;
  if (finalEquity <= 0) return -1;
  return (finalEquity / startingEquity) ** (YEAR_MS / periodMs) - 1;
}

/** Trades per calendar day of the tested period (not per active day). */
export function tradesPerDay(trades: number, periodMs: number): number | null {
  return periodMs > 0 ? trades / (periodMs / DAY_MS) : null;
}
