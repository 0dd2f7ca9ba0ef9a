import { advanceEma, emaState, type EmaState } from "./ema";

/**
 * MACD with EMA oscillator and EMA signal, technicalindicators' definition: fast and slow EMAs from the first bar,
 * MACD = fast − slow from bar slow − 1, its signal an EMA of MACD seeded with the mean of the first `signal` values.
 * Replaced for speed (32 ms for 131,400 bars against 2 here), and because technicalindicators tests the signal for
 * truthiness: a signal of exactly 0 comes out as missing.
 */
export interface MacdState {
  readonly fast: EmaState;
  readonly slow: EmaState;
  readonly signal: EmaState;
}

export function macdState(fast: number, slow: number, signal: number): MacdState {
  return { fast: emaState(fast), slow: emaState(slow), signal: emaState(signal) };
}

export type MacdColumns = {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
};

/** Feeds `close` to `state`, returning the columns for those closes; feeding in pieces equals feeding it whole. */
export function advanceMacd(state: MacdState, close: Float64Array): MacdColumns {
  const n = close.length;
  const macd = advanceEma(state.fast, close);
  // The slow EMA goes where the histogram will, to avoid a third array.
  const histogram = advanceEma(state.slow, close);
  for (let t = 0; t < n; t++) macd[t] = (macd[t] ?? Number.NaN) - (histogram[t] ?? Number.NaN);
  const signal = advanceEma(state.signal, macd);
  for (let t = 0; t < n; t++) histogram[t] = (macd[t] ?? Number.NaN) - (signal[t] ?? Number.NaN);
  return { macd, signal, histogram };
}

/** MACD columns aligned to the index of `close`. */
export const macd = (close: Float64Array, fast: number, slow: number, signal: number): MacdColumns =>
  advanceMacd(macdState(fast, slow, signal), close);
