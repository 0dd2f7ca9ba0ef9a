import { trueRange } from "./true-range";

/**
 * Wilder's ADX with +DI and −DI. TR, +DM and −DM are smoothed as Wilder's running sums (first: the sum of `period`
 * values; then sum − sum / period + x), DX is averaged like the ATR (seeded with the mean of the first `period`).
 * The first DI is at index `period`, the first ADX at 2·period − 1. technicalindicators' ADX is the same maths, but
 * slow (79 ms for 131,400 bars against 4 here), and a flat stretch (no range, no directional move) gives it 0 / 0 = NaN, which its
 * recursion then carries forever: every later ADX is NaN. Here no range reads as DI 0 and no direction as DX 0.
 */
export interface AdxState {
  readonly period: number;
  /** Bars seen so far. */
  seen: number;
  previousHigh: number;
  previousLow: number;
  previousClose: number;
  trSum: number;
  plusSum: number;
  minusSum: number;
  /** Sum of the first DX values until the ADX is seeded, then the ADX. */
  adx: number;
}

export function adxState(period: number): AdxState {
  return { period, seen: 0, previousHigh: Number.NaN, previousLow: Number.NaN, previousClose: Number.NaN, trSum: 0, plusSum: 0, minusSum: 0, adx: 0 };
}

export type AdxColumns = {
  readonly adx: Float64Array;
  readonly pdi: Float64Array;
  readonly mdi: Float64Array;
};

/**
 * Feeds bars to `state`, returning ADX, +DI and −DI for them (NaN in warm-up). Feeding a series in pieces (a live
 * feed, one bar at a time) gives the values of feeding it whole.
 */
export function advanceAdx(state: AdxState, high: Float64Array, low: Float64Array, close: Float64Array): AdxColumns {
  const n = close.length;
  const out = { adx: new Float64Array(n), pdi: new Float64Array(n), mdi: new Float64Array(n) };
  const p = state.period;
  let { seen, previousHigh, previousLow, previousClose, trSum, plusSum, minusSum, adx } = state;
  for (let t = 0; t < n; t++) {
    const h = high[t] ?? Number.NaN;
    const l = low[t] ?? Number.NaN;
    const up = h - previousHigh;
    const down = previousLow - l;
    const tr = trueRange(h, l, previousClose);
    previousHigh = h;
    previousLow = l;
    previousClose = close[t] ?? Number.NaN;
    seen++;
    let pdi = Number.NaN;
    let mdi = Number.NaN;
    if (seen > 1) {
      const plusDm = up > down && up > 0 ? up : 0;
      const minusDm = down > up && down > 0 ? down : 0;
      if (seen <= p + 1) {
        trSum += tr;
        plusSum += plusDm;
        minusSum += minusDm;
      } else {
        trSum = trSum - trSum / p + tr;
        plusSum = plusSum - plusSum / p + plusDm;
        minusSum = minusSum - minusSum / p + minusDm;
      }
    }
    if (seen > p) {
      pdi = trSum > 0 ? (100 * plusSum) / trSum : 0;
      mdi = trSum > 0 ? (100 * minusSum) / trSum : 0;
      const diSum = pdi + mdi;
      const dx = diSum > 0 ? (100 * Math.abs(pdi - mdi)) / diSum : 0;
      // DX values at bars period .. 2·period − 1 seed the ADX.
      if (seen < 2 * p) adx += dx;
      else adx = seen === 2 * p ? (adx + dx) / p : (adx * (p - 1) + dx) / p;
    }
    out.adx[t] = seen >= 2 * p ? adx : Number.NaN;
    out.pdi[t] = pdi;
    out.mdi[t] = mdi;
  }
  Object.assign(state, { seen, previousHigh, previousLow, previousClose, trSum, plusSum, minusSum, adx });
  return out;
}

/** ADX, +DI and −DI aligned to the candle index. */
export const adx = (high: Float64Array, low: Float64Array, close: Float64Array, period: number): AdxColumns =>
  advanceAdx(adxState(period), high, low, close);
