/**
 * Wilder's RSI. Replaces technicalindicators' RSI, which rounds every value to 2 decimals inside its maths
 * (`parseFloat(rsi.toFixed(2))`): a rule `RSI(14) < 8.802473` fired at a bar whose RSI was 8.804946, read as 8.80.
 * The maths is otherwise the same — averages seeded with the simple mean of the first `period` changes, then
 * (previous · (period − 1) + change) / period — so values agree with it to the last bit before its rounding. It also
 * took 69 ms for six months of 1m bars, against about 3 here.
 */
export interface RsiState {
  readonly period: number;
  /** Closes seen so far. */
  seen: number;
  previousClose: number;
  /** Sums of the first changes until the averages are seeded, then Wilder's average gain and loss. */
  averageGain: number;
  averageLoss: number;
}

export function rsiState(period: number): RsiState {
  return { period, seen: 0, previousClose: Number.NaN, averageGain: 0, averageLoss: 0 };
}

/**
 * Feeds `close` to `state` and writes the RSI at each close into `out`: NaN for the first `period` closes the state
 * has seen. The state keeps all a later call needs, so feeding a series in pieces — one bar at a time, as a live
 * feed does — gives the values of feeding it whole. One loop over locals: a call per bar would box every number.
 */
export function advanceRsi(state: RsiState, close: Float64Array, out = new Float64Array(close.length)): Float64Array {
  const p = state.period;
  let { seen, previousClose, averageGain: gain, averageLoss: loss } = state;
  for (let t = 0; t < close.length; t++) {
    const c = close[t] ?? Number.NaN;
    const change = c - previousClose;
    previousClose = c;
    seen++;
    let value = Number.NaN;
    if (seen > 1) {
      const up = change > 0 ? change : 0;
      const down = change < 0 ? -change : 0;
      if (seen <= p) {
        gain += up;
        loss += down;
      } else {
        if (seen === p + 1) {
          gain = (gain + up) / p;
          loss = (loss + down) / p;
        } else {
          gain = (gain * (p - 1) + up) / p;
          loss = (loss * (p - 1) + down) / p;
        }
        // 100 when nothing was lost (a flat market included), as technicalindicators and most charting tools say.
        value = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
      }
    }
    out[t] = value;
  }
  Object.assign(state, { seen, previousClose, averageGain: gain, averageLoss: loss });
  return out;
}

/** RSI of `close` aligned to its index; the first value is at index `period`. */
export const rsi = (close: Float64Array, period: number): Float64Array => advanceRsi(rsiState(period), close);
