import type { FundingSeries } from "@/lib/market/series";
import { AnalysisError } from "./errors";

export const FUNDING_CLASSES = ["extreme_bearish", "neutral", "moderate_bullish", "elevated_bullish", "extreme_bullish"] as const;
export type FundingClass = (typeof FUNDING_CLASSES)[number];

/**
 * Band edges on the 8-hour-equivalent rate (fractions: 0.0001 = 0.01 % per 8h):
 * - rate < extremeBearishBelow                          → extreme_bearish (shorts crowded: expect a bounce up)
 * - extremeBearishBelow ≤ rate < moderateBullishFrom    → neutral (the exchanges' base 0.01 % and mildly negative rates)
 * - moderateBullishFrom ≤ rate ≤ elevatedBullishAbove   → moderate_bullish
 * - elevatedBullishAbove < rate ≤ extremeBullishAbove   → elevated_bullish (longs paying well above base, not yet extreme)
 * - rate > extremeBullishAbove                          → extreme_bullish (longs crowded: expect a reversal down)
 * Exactly −0.0002 is neutral: only rates strictly below it are extreme.
 */
export interface FundingBands {
  readonly extremeBearishBelow: number;
  readonly moderateBullishFrom: number;
  readonly elevatedBullishAbove: number;
  readonly extremeBullishAbove: number;
}

export const DEFAULT_FUNDING_BANDS: FundingBands = {
  extremeBearishBelow: -0.0002,
  moderateBullishFrom: 0.0001,
  elevatedBullishAbove: 0.0002,
  extremeBullishAbove: 0.0003,
};

export const EIGHT_HOURS_MS = 8 * 3_600_000;

/**
 * A rate charged every `intervalMs` expressed per 8 hours, the convention the bands (and Binance-like venues) use:
 * rate × 8h / interval, e.g. Kraken's hourly 0.0000375 → 0.0003 per 8h. Linear because funding payments add up over
 * time (eight hourly payments of r cost what one 8-hourly payment of 8r costs). Rounded to 1e-12 so a product meant
 * to land on a band edge does not miss it by a floating-point ulp (exchanges publish 8 decimals).
 */
export function normaliseTo8h(rate: number, intervalMs: number): number {
  if (!(intervalMs > 0)) throw new AnalysisError("INVALID_PARAMETER", `funding interval must be positive, got ${intervalMs} ms`);
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
  if (gaps.length === 0) throw new AnalysisError("TOO_FEW_POINTS", "need at least two funding events at distinct times to detect the funding interval");
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? (gaps[mid] ?? NaN) : ((gaps[mid - 1] ?? NaN) + (gaps[mid] ?? NaN)) / 2;
}

/** Class of an 8-hour-equivalent funding rate (see FundingBands). */
export function classifyFunding(rate8h: number, bands: FundingBands = DEFAULT_FUNDING_BANDS): FundingClass {
  if (rate8h < bands.extremeBearishBelow) return "extreme_bearish";
  if (rate8h > bands.extremeBullishAbove) return "extreme_bullish";
  if (rate8h > bands.elevatedBullishAbove) return "elevated_bullish";
  if (rate8h >= bands.moderateBullishFrom) return "moderate_bullish";
  return "neutral";
}
