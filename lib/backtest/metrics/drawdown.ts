export interface Drawdown {
  /** Largest (peak − trough) / peak, 0 when equity never fell. */
  readonly maxDrawdown: number;
  /** From that drawdown's peak to the first point back at the peak, or to the last point when it never recovered. */
  readonly durationMs: number;
}

/**
 * Max drawdown of an equity curve sampled at `time`. The starting equity at `startTime` is the first peak, so a run
 * that loses from its first bar shows that loss.
 */
export function maxDrawdown(equity: Float64Array, time: Float64Array, startingEquity: number, startTime: number): Drawdown {
  let peak = startingEquity;
  let peakTime = startTime;
  let worst = 0;
  let worstPeak = startingEquity;
  let worstPeakTime = startTime;
  let worstIndex = -1;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] ?? NaN;
    if (e > peak) {
      peak = e;
      peakTime = time[i] ?? NaN;
    } else if (peak > 0) {
      const dd = (peak - e) / peak;
      if (dd > worst) {
        worst = dd;
        worstPeak = peak;
        worstPeakTime = peakTime;
        worstIndex = i;
      }
    }
  }
  if (worstIndex < 0) return { maxDrawdown: 0, durationMs: 0 };
  let end = time[equity.length - 1] ?? worstPeakTime;
  for (let i = worstIndex + 1; i < equity.length; i++) {
    if ((equity[i] ?? NaN) >= worstPeak) {
      end = time[i] ?? end;
      break;
    }
  }
  return { maxDrawdown: worst, durationMs: end - worstPeakTime };
}
