import { type FundingBands, type FundingClass, fundingClassRange } from "@/lib/analysis/funding-classification";

/**
 * One colour and one name per funding class, for the table, the chart's band lines, the legend and the event study
 * (canvas drawing cannot read CSS variables, so these are hex). Red for crowded longs, blue for crowded shorts.
 */
export const FUNDING_CLASS_STYLE: Record<FundingClass, { readonly label: string; readonly color: string }> = {
  extreme_bearish: { label: "extreme bearish", color: "#58a6ff" },
  neutral: { label: "neutral", color: "#8b949e" },
  moderate_bullish: { label: "moderate bullish", color: "#56d364" },
  elevated_bullish: { label: "elevated bullish", color: "#d29922" },
  extreme_bullish: { label: "extreme bullish", color: "#f85149" },
};

/** An 8h rate as a percentage with a true minus sign: 0.0003 → "0.0300%", −0.0002 → "−0.0200%". */
export function fundingRatePct(rate: number): string {
  const text = `${(Math.abs(rate) * 100).toFixed(4)}%`;
  return rate < 0 ? `−${text}` : text;
}

/** A class's 8h-rate range written as a range: "−0.0200% to 0.0100%", "above 0.0300%", "below −0.0200%". */
export function fundingClassRangeLabel(cls: FundingClass, bands: FundingBands): string {
  const { lower, upper } = fundingClassRange(cls, bands);
  if (lower === null && upper !== null) return `below ${fundingRatePct(upper)}`;
  if (upper === null && lower !== null) return `above ${fundingRatePct(lower)}`;
  return `${fundingRatePct(lower ?? NaN)} to ${fundingRatePct(upper ?? NaN)}`;
}
