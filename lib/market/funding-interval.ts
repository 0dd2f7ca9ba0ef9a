import type { FundingSeries } from "./series";

export class FundingIntervalError extends Error {
  readonly code = "FUNDING_INTERVAL_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "FundingIntervalError";
  }
}

export const EIGHT_HOURS_MS = 8 * 3_600_000;

/**
 * A rate charged every `intervalMs` expressed per 8 hours, the convention the bands (and Binance-like venues) use:
 * rate × 8h / interval, e.g. Kraken's hourly 0.0000375 → 0.0003 per 8h. Linear because funding payments add up over
 * time (eight hourly payments of r cost what one 8-hourly payment of 8r costs). Rounded to 1e-12 so a product meant
 * to land on a band edge does not miss it by a floating-point ulp (exchanges publish 8 decimals).
 */
export function normaliseTo8h(rate: number, intervalMs: number): number {
  if (!(intervalMs > 0)) throw new FundingIntervalError(`funding interval must be positive, got ${intervalMs} ms`);
  return Math.round(((rate * EIGHT_HOURS_MS) / intervalMs) * 1e12) / 1e12;
}

/**
 * The series' funding interval: the median spacing between consecutive events, so a few missing or extra events do not
 * change it. 8h for Binance-like (and the synthetic) data, 1h for Kraken.
 */
export function fundingIntervalMs(series: Pick<FundingSeries, "time" | "length">): number {
  const gaps: number[] = [];
  for (let i = 1; i < series.length; i++) {
    const gap = (series.time[i] ?? NaN) - (series.time[i - 1] ?? NaN);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) throw new FundingIntervalError("need at least two funding events at distinct times to detect the funding interval");
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? (gaps[mid] ?? NaN) : ((gaps[mid - 1] ?? NaN) + (gaps[mid] ?? NaN)) / 2;
}

