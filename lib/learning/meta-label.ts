import { barCloseTimes } from "@/lib/backtest/bar-close-times";
import type { LegInput, Trade } from "@/lib/backtest/types";
import { LearningError } from "./errors";
import { type MetaLabelOptions, resolveMetaLabelOptions } from "./meta-label-options";
import type { ModelVersion } from "./model-version";
import { purgedWalkForwardFolds, type LabelSpan } from "./purged-walk-forward";
import { type FeatureMatrix, featureRow } from "./signal-features";
import { chooseThreshold } from "./threshold-choice";
import { trainWinClassifier } from "./win-classifier";

/** The trade fields meta-labelling reads; a backtest `Trade` fits. */
export type LabelTrade = Pick<Trade, "entryIndex" | "entryTime" | "exitTime" | "netPnl" | "r">;

export interface MetaLabelInput {
  /** The plain hypothesis's leg: its series (the features' bars), entries and maximum hold (the default embargo). */
  readonly leg: Pick<LegInput, "series" | "entrySignal" | "maxHoldMinutes">;
  /** The plain run's trades on that leg. */
  readonly trades: readonly LabelTrade[];
  readonly features: FeatureMatrix;
  readonly options?: Parameters<typeof resolveMetaLabelOptions>[0];
}

export interface MetaLabelResult {
  readonly kind: "trained";
  /** In time order; each decides the bars closing from its validFrom until the next one's. */
  readonly versions: ModelVersion[];
  /**
   * The variant's entries: 1 where the plain rules fire and P(win) reaches the threshold of the version valid at the
   * bar; 0 elsewhere and before the first version. (ANDing it with entrySignal again changes nothing.)
   */
  readonly gate: Uint8Array;
  /** P(win) at every signal bar a version decides; NaN elsewhere. */
  readonly probability: Float64Array;
  /** First bar close decided by a model: the variant's trades are all out of sample from here on. */
  readonly oosFrom: number;
  readonly labels: number;
  readonly options: MetaLabelOptions;
}

export interface MetaLabelSkipped {
  readonly kind: "skipped";
  /** For a person: why this hypothesis was not meta-labelled. */
  readonly reason: string;
  readonly labels: number;
}

interface Label extends LabelSpan {
  readonly signalBar: number;
  readonly entryTime: number;
  readonly win: 0 | 1;
  readonly r: number;
}

/** One label per trade, in signal-time order (so "the latest" labels are the latest in time, whatever the input order). */
function labelsOf(trades: readonly LabelTrade[], closeTimes: Float64Array): Label[] {
  const labels = trades.map((t, k): Label => {
    const signalBar = t.entryIndex - 1;
    if (!Number.isInteger(t.entryIndex) || signalBar < 0 || signalBar >= closeTimes.length) {
      throw new LearningError("INVALID_INPUT", `trades[${k}].entryIndex ${t.entryIndex} has no signal bar in the leg's ${closeTimes.length} bars`);
    }
    if (!Number.isFinite(t.r) || !Number.isFinite(t.netPnl)) throw new LearningError("INVALID_INPUT", `trades[${k}] has a non-finite r or netPnl`);
    return { time: closeTimes[signalBar] ?? Number.NaN, end: t.exitTime, signalBar, entryTime: t.entryTime, win: t.netPnl > 0 ? 1 : 0, r: t.r };
  });
  return labels.sort((a, b) => a.time - b.time);
}

function requireFeatures(features: FeatureMatrix, bars: number): void {
  if (features.columns.length !== features.names.length) throw new LearningError("INVALID_INPUT", `features has ${features.columns.length} columns for ${features.names.length} names`);
  features.columns.forEach((c, i) => {
    if (c.length !== bars) throw new LearningError("INVALID_INPUT", `feature ${features.names[i]} has ${c.length} values for the leg's ${bars} bars`);
  });
}

/** The earliest moment `count` labels are over, embargo included (so a window from it can train on them). */
function completeAfter(labels: readonly Label[], count: number, embargoMs: number): number {
  const ends = labels.map((l) => l.end + embargoMs).sort((a, b) => a - b);
  return (ends[count - 1] ?? Number.POSITIVE_INFINITY) + 1;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Meta-labelling (López de Prado): a random forest learns, from the features of each plain trade's signal bar, whether
 * the trade won; its P(win) then gates the hypothesis's entries. Walk-forward and purged (purged-walk-forward): each
 * test window's model trains only on labels over (plus the embargo) before the window starts (the latest
 * maxTrainLabels of them), chooses its threshold from out-of-bag probabilities on those labels, and predicts every
 * bar closing in its window where the plain rules fire — not only the plain trades' signal bars: where the plain run
 * was blocked by an open position, the variant may be flat and trade. Bars where the rules do not fire cannot be
 * entries of either, so they are not predicted (a fraction of the cost).
 * Labels: each plain trade at its signal bar (the bar before the entry fill), 1 if its net PnL was positive.
 */
export function metaLabelWalkForward(input: MetaLabelInput): MetaLabelResult | MetaLabelSkipped {
  const options = resolveMetaLabelOptions(input.options);
  const { series } = input.leg;
  const n = series.length;
  requireFeatures(input.features, n);
  const closeTimes = barCloseTimes(series);
  const labels = labelsOf(input.trades, closeTimes);
  if (input.leg.entrySignal.length !== n) throw new LearningError("INVALID_INPUT", `entrySignal has ${input.leg.entrySignal.length} bars, the series ${n}`);
  if (labels.length < options.minLabels) return { kind: "skipped", reason: `${labels.length} plain trades: meta-labelling needs at least ${options.minLabels}`, labels: labels.length };
  const embargoMs = options.embargoMs ?? input.leg.maxHoldMinutes * 60_000;
  const from = closeTimes[0] ?? Number.NaN;
  const until = (closeTimes[n - 1] ?? Number.NaN) + 1;
  const firstTestFrom = Math.ceil(Math.max(completeAfter(labels, options.minTrainLabels, embargoMs), from + options.minTrainFraction * (until - from)));
  if (!(firstTestFrom < until)) return { kind: "skipped", reason: `the first ${options.minTrainLabels} trades end too late to leave a test window`, labels: labels.length };
  const folds = purgedWalkForwardFolds(labels, {
    firstTestFrom,
    testWindowMs: Math.ceil((until - firstTestFrom) / options.folds),
    embargoMs,
    until,
    minTrainLabels: options.minTrainLabels,
  });
  const stored: MetaLabelOptions = { ...options, embargoMs };
  const gate = new Uint8Array(n);
  const probability = new Float64Array(n).fill(Number.NaN);
  const versions: ModelVersion[] = folds.map((fold, k) => {
    const train = fold.trainIndices.slice(-options.maxTrainLabels).map((i) => labels[i] as Label);
    const y = train.map((l) => l.win);
    const classifier = trainWinClassifier(
      train.map((l) => featureRow(input.features, l.signalBar)),
      y,
      options.classifier,
    );
    const oob = classifier.oobProbabilities();
    const choice = chooseThreshold(
      oob,
      train.map((l) => l.r),
      options.thresholds,
      options.minKeptShare,
    );
    const bars: number[] = [];
    for (let i = 0; i < n; i++) {
      const close = closeTimes[i] ?? Number.NaN;
      if (input.leg.entrySignal[i] === 1 && close >= fold.testFrom && close < fold.testTo) bars.push(i);
    }
    const p = classifier.probabilities(bars.map((i) => featureRow(input.features, i)));
    bars.forEach((bar, j) => {
      const value = p[j] ?? Number.NaN;
      probability[bar] = value;
      gate[bar] = value >= choice.threshold ? 1 : 0;
    });
    const judged = oob.flatMap((v, i) => (Number.isFinite(v) ? [(v > 0.5 ? 1 : 0) === y[i] ? 1 : 0] : []));
    const wins = y.reduce<number>((a, b) => a + b, 0);
    return {
      version: k + 1,
      validFrom: fold.testFrom,
      trainFrom: Math.min(...train.map((l) => l.entryTime)),
      trainTo: Math.max(...train.map((l) => l.end)),
      features: [...input.features.names],
      threshold: choice.threshold,
      options: stored,
      model: classifier.toJSON(),
      metrics: {
        labels: train.length,
        wins,
        winRate: wins / train.length,
        oobAccuracy: judged.length > 0 ? mean(judged) : null,
        importances: classifier.importances(input.features.names),
        thresholdChoice: choice,
      },
    };
  });
  const first = versions[0];
  if (!first) return { kind: "skipped", reason: `no test window had ${options.minTrainLabels} purged training labels before it`, labels: labels.length };
  return { kind: "trained", versions, gate, probability, oosFrom: first.validFrom, labels: labels.length, options: stored };
}
