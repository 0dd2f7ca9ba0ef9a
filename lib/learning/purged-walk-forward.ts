import { LearningError } from "./errors";

/** A label's span: from the signal bar's close (when the decision was made) to the trade's exit (when it was known). */
export interface LabelSpan {
  readonly time: number;
  readonly end: number;
}

export interface PurgedWalkForwardOptions {
  /** Start of the first test window (a bar close time). */
  readonly firstTestFrom: number;
  readonly testWindowMs: number;
  /** Extra gap between a training label's end and the test window (default in meta-labelling: the maximum hold). */
  readonly embargoMs: number;
  /** End of the last test window, exclusive. */
  readonly until: number;
  /** A window whose purged past holds fewer labels gets no fold (and so no model). */
  readonly minTrainLabels: number;
}

export interface PurgedFold {
  /** Indices into the labels, ascending: every label with end + embargo < testFrom. */
  readonly trainIndices: number[];
  /** The test window [testFrom, testTo): bars closing in it are predicted by this fold's model. */
  readonly testFrom: number;
  readonly testTo: number;
}

function requireFinite(value: number, field: string): void {
  if (!Number.isFinite(value)) throw new LearningError("INVALID_INPUT", `${field} must be a finite number, got ${value}`);
}

/**
 * Walk-forward folds over time, trained only on the past (López de Prado's purging): consecutive test windows of
 * `testWindowMs` from `firstTestFrom` to `until`; each trains on the labels whose whole span ended, plus the embargo,
 * before its window starts. A label still open when the window starts (its trade exits inside it) would train on the
 * test period's prices — naive walk-forward, which splits on the decision time alone, keeps it; this purges it. The
 * embargo also keeps out labels that end just before the window, whose features (recent results, volatility) run
 * into it. Windows without `minTrainLabels` purged labels are left out, so only the earliest can be missing.
 */
export function purgedWalkForwardFolds(labels: readonly LabelSpan[], options: PurgedWalkForwardOptions): PurgedFold[] {
  const { firstTestFrom, testWindowMs, embargoMs, until, minTrainLabels } = options;
  requireFinite(firstTestFrom, "firstTestFrom");
  requireFinite(until, "until");
  if (!(testWindowMs > 0) || !Number.isFinite(testWindowMs)) throw new LearningError("INVALID_INPUT", `testWindowMs must be above 0, got ${testWindowMs}`);
  if (!(embargoMs >= 0) || !Number.isFinite(embargoMs)) throw new LearningError("INVALID_INPUT", `embargoMs must be 0 or more, got ${embargoMs}`);
  if (!(until > firstTestFrom)) throw new LearningError("INVALID_INPUT", `until (${until}) must be after firstTestFrom (${firstTestFrom})`);
  if (!Number.isInteger(minTrainLabels) || minTrainLabels < 1) throw new LearningError("INVALID_INPUT", `minTrainLabels must be a whole number of at least 1, got ${minTrainLabels}`);
  labels.forEach((label, i) => {
    requireFinite(label.time, `labels[${i}].time`);
    requireFinite(label.end, `labels[${i}].end`);
    if (label.end < label.time) throw new LearningError("INVALID_INPUT", `labels[${i}].end (${label.end}) is before its time (${label.time})`);
  });

  const folds: PurgedFold[] = [];
  for (let testFrom = firstTestFrom; testFrom < until; testFrom += testWindowMs) {
    const trainIndices: number[] = [];
    labels.forEach((label, i) => {
      if (label.end + embargoMs < testFrom) trainIndices.push(i);
    });
    if (trainIndices.length >= minTrainLabels) folds.push({ trainIndices, testFrom, testTo: Math.min(testFrom + testWindowMs, until) });
  }
  return folds;
}
