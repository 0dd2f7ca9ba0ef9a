import { advanceSma, smaState, type SmaState } from "./sma";
import { nanColumn } from "./warm-up";

export type BollingerColumns = {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** (upper − lower) / middle. */
  readonly width: Float64Array;
};

export interface BollingerState {
  readonly middle: SmaState;
  readonly k: number;
}

export function bollingerState(period: number, k: number): BollingerState {
  return { middle: smaState(period), k };
}

/**
 * Bollinger Bands: the SMA ± k population standard deviations of the window. The deviation is summed around the
 * window's mean for every bar (two passes, period operations per bar) rather than from running sums of x and x²,
 * which at crypto prices cancel catastrophically. technicalindicators does the same sum through a linked-list
 * iterator and a generator per bar: 210 ms for 131,400 bars of BB(20, 2), against 8 here.
 * Bars [from, to), in columns indexed from `from`; the state must have seen bars [0, from) (see advanceSma).
 */
export function advanceBollinger(state: BollingerState, close: Float64Array, from: number, to: number): BollingerColumns {
  const period = state.middle.period;
  const n = to - from;
  const middle = advanceSma(state.middle, close, from, to);
  const upper = nanColumn(n);
  const lower = nanColumn(n);
  const width = nanColumn(n);
  for (let t = Math.max(from, period - 1); t < to; t++) {
    const mean = middle[t - from] ?? Number.NaN;
    let squares = 0;
    for (let j = t - period + 1; j <= t; j++) {
      const d = (close[j] ?? Number.NaN) - mean;
      squares += d * d;
    }
    const band = state.k * Math.sqrt(squares / period);
    const up = mean + band;
    const down = mean - band;
    upper[t - from] = up;
    lower[t - from] = down;
    width[t - from] = (up - down) / mean;
  }
  return { middle, upper, lower, width };
}

export function bollinger(close: Float64Array, period: number, k: number): BollingerColumns {
  return advanceBollinger(bollingerState(period, k), close, 0, close.length);
}
