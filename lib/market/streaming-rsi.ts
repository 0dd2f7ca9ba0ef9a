/**
 * Wilder's RSI fed one close at a time, for a path being written bar by bar (see planted-effect). The market layer
 * sits below the indicators, so it cannot call lib/signals/indicators/rsi.ts; this repeats that kernel's arithmetic
 * step for step (sums of the first `period` changes divided once, then (previous · (period − 1) + change) / period),
 * so a planted trigger fires on exactly the bars where a rule reading RSI sees it — rsi.test.ts checks it bit for bit.
 * Returns NaN until `period` changes are known.
 */
export function streamingRsi(period: number): (close: number) => number {
  let previous = Number.NaN;
  let seen = 0;
  let gain = 0;
  let loss = 0;
  return (close) => {
    const change = close - previous;
    previous = close;
    seen++;
    if (seen === 1) return Number.NaN;
    const up = change > 0 ? change : 0;
    const down = change < 0 ? -change : 0;
    if (seen <= period) {
      gain += up;
      loss += down;
      return Number.NaN;
    }
    if (seen === period + 1) {
      gain = (gain + up) / period;
      loss = (loss + down) / period;
    } else {
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
    return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  };
}
