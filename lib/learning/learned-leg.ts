import { barCloseTimes } from "@/lib/backtest/bar-close-times";
import { runBacktest } from "@/lib/backtest/run-backtest";
import type { Fees, LegInput, Sizing, Trade } from "@/lib/backtest/types";
import { buildLeg } from "@/lib/hypothesis-runs/build-leg";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import type { ResearchCache } from "@/lib/hypothesis-runs/research-cache";
import type { Timeframe } from "@/lib/market/timeframe";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { ensembleLeg } from "./ensemble-leg";
import { memberVoteColumns } from "./ensembles";
import { gateAt } from "./model-gate";
import type { ModelVersion } from "./model-version";
import { featureRow, signalFeatures, type ExtraFeature, type FeatureMatrix } from "./signal-features";

/** The timeframe whose last closed bar gives the features' higher-timeframe trend. */
export const FEATURE_TREND_TIMEFRAME: Timeframe = "30m";

/** What the plain run behind a gated variant's features is sized and charged with. */
export interface LearnedLegSettings {
  readonly fees: Fees;
  readonly sizing: Sizing;
  readonly startingEquity: number;
}

/** The trained versions a gated variant predicts with, and what its plain side is sized and charged with. */
export interface LearnedModels {
  readonly versions: readonly ModelVersion[];
  readonly settings: LearnedLegSettings;
}

/**
 * What a gated variant's model reads: the ungated leg (the base's entries, or any member's for a stacked ensemble),
 * the trades that leg makes (labels in training, "recent results" as a feature) and the features at every bar.
 */
export interface LearnedInputs {
  readonly leg: LegInput;
  readonly plainTrades: readonly Trade[];
  readonly features: FeatureMatrix;
}

/** Whether a variant's entries are gated by trained models (and so need their versions to be traded). */
export function isGated(h: Hypothesis): boolean {
  return h.learned?.kind === "meta_label" || h.learned?.kind === "stacked";
}

/** Series a learned variant reads beyond its rules' (an ensemble's rules list every member's): the features' trend. */
export function learnedTimeframes(h: Hypothesis): Timeframe[] {
  return isGated(h) ? [FEATURE_TREND_TIMEFRAME] : [];
}

/** The variant's leg before any model gates it, and the members' votes a stacked model reads. */
function ungatedLeg(h: Hypothesis, bundle: MarketBundle, cache: ResearchCache): { leg: LegInput; votes: ExtraFeature[] } {
  const spec = h.learned;
  if (spec?.kind !== "vote" && spec?.kind !== "stacked") return { leg: buildLeg(h, bundle, cache), votes: [] };
  const { leg, memberSignals } = ensembleLeg(h, bundle, cache);
  return { leg, votes: spec.kind === "stacked" ? memberVoteColumns(spec.members.map((m) => m.id), memberSignals) : [] };
}

/** The ungated leg, its trades and the features at every bar: what training reads, and what prediction reads. */
export function learnedInputs(h: Hypothesis, bundle: MarketBundle, cache: ResearchCache, settings: LearnedLegSettings): LearnedInputs {
  const { leg, votes } = ungatedLeg(h, bundle, cache);
  const plainTrades = runBacktest({ ...leg, fees: settings.fees, sizing: settings.sizing, startingEquity: settings.startingEquity }).trades;
  const features = signalFeatures({
    series: leg.series,
    higher: bundle.series[FEATURE_TREND_TIMEFRAME],
    funding: bundle.funding,
    regimes: leg.regimes,
    cache: cache.indicators,
    // A trade the data's end closed is not closed in the market: on data cut at a bar it would read as a result.
    closedTrades: plainTrades.filter((t) => t.reason !== "end_of_data"),
    extra: votes,
  });
  return { leg, plainTrades, features };
}

/**
 * The leg with each signal bar kept only where the model version valid at that bar's close predicts a win at or above
 * its threshold; no entry before the first version. The paper engine makes the same decision, bar for bar. Only bars
 * from `decideFrom` on are decided (earlier ones read 0): a paper tick reads its newest bar alone.
 */
export function gatedLeg(inputs: LearnedInputs, versions: readonly ModelVersion[], decideFrom = 0): LegInput {
  const { leg, features } = inputs;
  const closes = barCloseTimes(leg.series);
  const entrySignal = new Uint8Array(leg.entrySignal.length);
  for (let i = Math.max(0, decideFrom); i < entrySignal.length; i++) {
    if (leg.entrySignal[i] !== 1) continue;
    entrySignal[i] = gateAt(versions, featureRow(features, i), closes[i] ?? Number.NaN)?.take ? 1 : 0;
  }
  return { ...leg, entrySignal };
}

/**
 * Any hypothesis's engine leg: buildLeg's for a plain one or a tuned one (its rules are the current choice), the
 * members' vote for a vote, and the model-gated entries for a meta-labelled or stacked variant (which need `models`).
 */
export function learnedLeg(h: Hypothesis, bundle: MarketBundle, cache: ResearchCache, models?: LearnedModels, decideFrom = 0): LegInput {
  if (!isGated(h)) return ungatedLeg(h, bundle, cache).leg;
  if (!models || models.versions.length === 0) throw new Error(`${h.name} is a learned variant whose entries a model gates, and no model version was given`);
  return gatedLeg(learnedInputs(h, bundle, cache, models.settings), models.versions, decideFrom);
}
