/**
 * Exponential moving average seeded with the simple mean of the first `period` values, then
 * value + (x − value) · 2 / (period + 1) — technicalindicators' definition and arithmetic. Replaced because it is
 * hot (the catalog's trend filters read several EMAs per series, MACD three) and technicalindicators spends its time
 * on generators and array conversions, not on the maths: 11 ms for 131,400 bars against 1.4 here.
 */
export interface EmaState {
  readonly period: number;
  /** Values seen so far, counted from the first number. */
  seen: number;
  /** Sum of the first values until the seed, then the average. */
  value: number;
}

export function emaState(period: number): EmaState {
  return { period, seen: 0, value: 0 };
}

/**
 * Feeds `values` to `state` and writes the EMA at each into `out`: NaN until `period` values are known. NaNs before
 * the first number are another indicator's warm-up (MACD's signal is an EMA of MACD) and are skipped. Feeding a
 * series in pieces (a live feed, one bar at a time) gives the values of feeding it whole.
 */
export function advanceEma(state: EmaState, values: Float64Array, out = new Float64Array(values.length)): Float64Array {
  const p = state.period;
  const k = 2 / (p + 1);
  let { seen, value } = state;
  for (let t = 0; t < values.length; t++) {
    const x = values[t] ?? Number.NaN;
    if (seen > 0 || !Number.isNaN(x)) {
      seen++;
      if (seen < p) value += x;
      else value = seen === p ? (value + x) / p : value + (x - value) * k;
    }
    out[t] = seen >= p ? value : Number.NaN;
  }
  Object.assign(state, { seen, value });
  return out;
}

/** EMA aligned to the index of `values`; the first value is at index period − 1. */
export const ema = (values: Float64Array, period: number): Float64Array => advanceEma(emaState(period), values);
