export { EIGHT_HOURS_MS, fundingIntervalMs, normaliseTo8h } from "@/lib/market/funding-interval";

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

/** Class of an 8-hour-equivalent funding rate (see FundingBands). */
export function classifyFunding(rate8h: number, bands: FundingBands = DEFAULT_FUNDING_BANDS): FundingClass {
  if (rate8h < bands.extremeBearishBelow) return "extreme_bearish";
  if (rate8h > bands.extremeBullishAbove) return "extreme_bullish";
  if (rate8h > bands.elevatedBullishAbove) return "elevated_bullish";
  if (rate8h >= bands.moderateBullishFrom) return "moderate_bullish";
  return "neutral";
}
