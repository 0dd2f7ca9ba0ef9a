import { trueRange } from "./true-range";

/**
 * Wilder's average true range: the first value is the mean of the first `period` true ranges (the first bar has no
 * previous close, so no true range), then (previous · (period − 1) + TR) / period. technicalindicators computes the
 * same numbers, but through generators, an object per bar and arrays converted from and back to typed arrays: 56 ms
 * for six months of 1m bars against about 3 here, for the column every ATR stop reads.
 */
export interface AtrState {
  readonly period: number;
  /** Bars seen so far. */
  seen: number;
  previousClose: number;
  /** Sum of the first true ranges until the average is seeded, then the average. */
  average: number;
}

export function atrState(period: number): AtrState {
  return { period, seen: 0, previousClose: Number.NaN, average: 0 };
}

/**
 * Feeds bars to `state` and writes the ATR at each into `out`: NaN for the first `period` bars the state has seen.
 * Feeding a series in pieces (a live feed, one bar at a time) gives the values of feeding it whole.
 */
export function advanceAtr(state: AtrState, high: Float64Array, low: Float64Array, close: Float64Array, out = new Float64Array(close.length)): Float64Array {
  const p = state.period;
  let { seen, previousClose, average } = state;
  for (let t = 0; t < close.length; t++) {
    const tr = trueRange(high[t] ?? Number.NaN, low[t] ?? Number.NaN, previousClose);
    previousClose = close[t] ?? Number.NaN;
    seen++;
    if (seen > 1 && seen <= p) average += tr;
    else if (seen > p) average = seen === p + 1 ? (average + tr) / p : (average * (p - 1) + tr) / p;
    out[t] = seen > p ? average : Number.NaN;
  }
  Object.assign(state, { seen, previousClose, average });
  return out;
}

/** ATR aligned to the candle index; the first value is at index `period`. */
export const atr = (high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array =>
  advanceAtr(atrState(period), high, low, close);
