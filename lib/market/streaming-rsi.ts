/**
 * Wilder's RSI fed one close at a time, for a path being written bar by bar (see planted-effect): the same
 * definition as the rule language's RSI — first average the mean of `period` changes, then Wilder smoothing — so a
 * planted trigger fires on the bars where a rule reading RSI sees it (up to that indicator's 2-decimal rounding).
 * Returns NaN until `period` changes are known.
 */
export function streamingRsi(period: number): (close: number) => number {
  let previous = Number.NaN;
  let changes = 0;
  let gain = 0;
  let loss = 0;
  return (close) => {
    const change = close - previous;
    previous = close;
    if (Number.isNaN(change)) return Number.NaN;
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    changes++;
    if (changes <= period) {
      gain += up / period;
      loss += down / period;
      if (changes < period) return Number.NaN;
    } else {
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
    return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  };
}
