import type { CandleSeries } from "../market/series";
import { lowerBound } from "./search";

const MINUTE_MS = 60_000;

/**
 * Index of the first 1m candle inside [barOpen, barOpen + barMs) that touches the stop or the target, or −1 when the
 * walk cannot decide. The walk stops at the first missing minute: a hole could hide an earlier touch, so only the
 * contiguous run of minutes from the bar's open is trusted.
 */
export function firstTouchingMinute(
  minute: CandleSeries,
  barOpen: number,
  barMs: number,
  long: boolean,
  stop: number,
  target: number,
): number {
  const time = minute.time;
  let k = lowerBound(time, barOpen, minute.length);
  for (let expected = barOpen; expected < barOpen + barMs; expected += MINUTE_MS, k++) {
    if (k >= minute.length || time[k] !== expected) return -1;
    const high = minute.high[k] ?? NaN;
    const low = minute.low[k] ?? NaN;
    if (long ? low <= stop || high >= target : high >= stop || low <= target) return k;
  }
  return -1;
}
