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

/** Open time of the bar holding `ms`. */
export function barOpen(ms: number, barMs: number): number {
  return Math.floor(ms / barMs) * barMs;
}

/**
 * The bar a trade's exit belongs to. Stop and target exits are stamped with the open time of the bar they filled in;
 * time and end-of-data exits with the bar's close (the next bar's open), so those step back into their own bar.
 */
export function exitBarOpen(trade: { exitTime: number; reason: string }, barMs: number): number {
  const closeStamped = trade.reason === "time" || trade.reason === "end_of_data";
  return barOpen(closeStamped ? trade.exitTime - 1 : trade.exitTime, barMs);
}
