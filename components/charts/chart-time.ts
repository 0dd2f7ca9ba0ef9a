import type { Time, UTCTimestamp } from "lightweight-charts";

/**
 * The one place epoch milliseconds (the store, the API) become lightweight-charts' epoch seconds and back: the two
 * are easy to mix up and the chart silently draws nothing (or 1970) when they are.
 */
export function toChartTime(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}

/** A chart time back to epoch ms; business-day strings and objects (never used here) count as UTC midnight. */
export function fromChartTime(time: Time): number {
  if (typeof time === "number") return time * 1000;
  if (typeof time === "string") return Date.parse(`${time}T00:00:00Z`);
  return Date.UTC(time.year, time.month - 1, time.day);
}

/** Bar conventions shared with the MAE/MFE computation: one definition of which bar an entry and an exit fall in. */
export { barOpenOf as barOpen, exitBarOpenOf as exitBarOpen } from "@/lib/analysis/trade-excursions";
