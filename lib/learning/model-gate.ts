import { LearningError } from "./errors";
import type { ModelVersion } from "./model-version";
import { loadWinClassifier, type WinClassifier, type WinClassifierJson } from "./win-classifier";

export interface GateDecision {
  readonly take: boolean;
  readonly probability: number;
  readonly version: number;
}

/**
 * Loaded forests, keyed by the stored model object itself: version numbers repeat across variants and instruments,
 * the object does not, and a caller holding its versions (a paper account) loads each forest once.
 */
const loaded = new WeakMap<WinClassifierJson, WinClassifier>();

function classifierOf(version: ModelVersion): WinClassifier {
  let classifier = loaded.get(version.model);
  if (!classifier) {
    classifier = loadWinClassifier(version.model);
    loaded.set(version.model, classifier);
  }
  return classifier;
}

/** The newest version valid at `barCloseTime` (largest validFrom ≤ it), or undefined before the first. */
export function versionAt(versions: readonly ModelVersion[], barCloseTime: number): ModelVersion | undefined {
  let best: ModelVersion | undefined;
  for (const v of versions) if (v.validFrom <= barCloseTime && (!best || v.validFrom > best.validFrom)) best = v;
  return best;
}

/**
 * One bar's decision, as the backtest made it: the version valid at the bar's close predicts P(win) from the bar's
 * features (in the version's feature order) and the signal is taken when P reaches its threshold. Null before the
 * first version (no model: the variant does not trade). Paper trading calls this bar by bar with the stored versions.
 */
export function gateAt(versions: readonly ModelVersion[], featureRow: readonly number[], barCloseTime: number): GateDecision | null {
  const version = versionAt(versions, barCloseTime);
  if (!version) return null;
  if (featureRow.length !== version.features.length) {
    throw new LearningError("INVALID_INPUT", `feature row has ${featureRow.length} values, model version ${version.version} reads ${version.features.length} (${version.features.join(", ")})`);
  }
  const probability = classifierOf(version).probabilities([featureRow])[0] ?? Number.NaN;
  return { take: probability >= version.threshold, probability, version: version.version };
}
