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

/**
 * The 8h-rate range of a class as the bands define it, `null` for an open end: extreme_bearish has no lower bound,
 * extreme_bullish no upper one. Which end is inclusive follows FundingBands.
 */
export function fundingClassRange(cls: FundingClass, bands: FundingBands = DEFAULT_FUNDING_BANDS): { readonly lower: number | null; readonly upper: number | null } {
  switch (cls) {
    case "extreme_bearish":
      return { lower: null, upper: bands.extremeBearishBelow };
    case "neutral":
      return { lower: bands.extremeBearishBelow, upper: bands.moderateBullishFrom };
    case "moderate_bullish":
      return { lower: bands.moderateBullishFrom, upper: bands.elevatedBullishAbove };
    case "elevated_bullish":
      return { lower: bands.elevatedBullishAbove, upper: bands.extremeBullishAbove };
    case "extreme_bullish":
      return { lower: bands.extremeBullishAbove, upper: null };
  }
}
