/** The P(win) thresholds tried: 0.40 to 0.70 in steps of 0.05. */
export const DEFAULT_THRESHOLDS: readonly number[] = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];

/** Below this share of the training trades kept, a threshold's mean R rests on too few trades to be chosen. */
export const DEFAULT_MIN_KEPT_SHARE = 0.3;

export interface ThresholdChoice {
  /** 0 = keep every signal (no threshold beat that). */
  readonly threshold: number;
  readonly kept: number;
  readonly keptShare: number;
  /** Mean R of the kept trades, and of all of them (what keeping all gives). */
  readonly keptMeanR: number;
  readonly allMeanR: number;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The threshold, from out-of-bag probabilities of the training labels only (the test window is never read): the
 * grid value whose kept trades (P ≥ threshold) have the highest mean R, keeping at least `minKeptShare` of them; if
 * none beats keeping all, 0. Ties go to the lower threshold (more trades, the same mean). A label with an undefined
 * P (no tree left it out) is never kept.
 */
export function chooseThreshold(
  probabilities: readonly number[],
  r: readonly number[],
  grid: readonly number[] = DEFAULT_THRESHOLDS,
  minKeptShare = DEFAULT_MIN_KEPT_SHARE,
): ThresholdChoice {
  const n = r.length;
  const allMeanR = n > 0 ? mean(r) : 0;
  let best: ThresholdChoice = { threshold: 0, kept: n, keptShare: 1, keptMeanR: allMeanR, allMeanR };
  for (const threshold of [...grid].sort((a, b) => a - b)) {
    const kept = r.filter((_, i) => (probabilities[i] ?? Number.NaN) >= threshold);
    if (kept.length === 0 || kept.length < minKeptShare * n) continue;
    const keptMeanR = mean(kept);
    if (keptMeanR > best.keptMeanR) best = { threshold, kept: kept.length, keptShare: kept.length / n, keptMeanR, allMeanR };
  }
  return best;
}
