/**
 * P(win) of a trade from its signal bar's features: a seeded random forest stored as ml-random-forest's
 * RandomForestClassifier JSON and predicted by that library (`load` + `predictionValues`).
 * Why this library for prediction and storage: it is pure JavaScript (no native build, so it works where npm skips
 * install scripts), deterministic, and its JSON is what every walk-forward version is stored as and paper trading
 * reloads. No well-kept gradient-boosting package trains in Node without a native build.
 * Why training is written by hand (./forest-trainer.ts): ml-cart's split search is quadratic in the node's rows and
 * allocates for every candidate split; it was 107 of the 126 s of the pipeline's learning phase (300 rows × 10
 * features × 60 trees: 2.4 s with the library, 55 ms by hand; meta-labelling 460 trades on 50,000 bars in 6 folds:
 * 14.5 s → 0.4 s). The hand-written trainer follows ml-cart's rules and writes the JSON the library's toJSON() wrote,
 * so the stored format and the prediction path are unchanged.
 *
 * P(win) is the share of trees voting win; out-of-bag P(win) (from the trees that did not bag a row) chooses the
 * threshold inside the training window. Importance is the mean decrease in impurity (MDI), computed here from the
 * stored trees: permutation importance on out-of-bag rows would be less biased towards many-valued features, but the
 * stored forest does not keep which rows each tree left out, and the library's featureImportance() also credits the
 * split a leaf computed but did not make (and subtracts the children's gains), so it is not used.
 */
import { RandomForestClassifier } from "ml-random-forest";
import { z } from "zod";
import { LearningError } from "./errors";
import { type ForestNode, type TrainedForest, trainForest } from "./forest-trainer";

export interface WinClassifierOptions {
  readonly trees: number;
  readonly maxDepth: number;
  /**
   * A node with this many rows or fewer becomes a leaf (ml-cart's `minNumSamples`). The library has no minimum leaf
   * size, so this is the nearest control: a split needs more than 20 rows, though one side of it may still be small.
   */
  readonly minSplitRows: number;
  /** Share of the features each tree sees (drawn without replacement per tree: the library bags features per tree, not per split). */
  readonly featureShare: number;
  /** 32-bit integer seed of the bagging draws. */
  readonly seed: number;
}

/** Modest trees: a few hundred labels at most, so deep trees would learn the noise of single trades. */
export const DEFAULT_WIN_CLASSIFIER: WinClassifierOptions = { trees: 60, maxDepth: 5, minSplitRows: 20, featureShare: 0.7, seed: 1 };

/** ml-cart's gain threshold (its default, stated so that a stored model names every option it was trained with). */
const GAIN_THRESHOLD = 0.01;

const leafSchema = z.strictObject({ distribution: z.array(z.array(z.number())).length(1) });
const nodeSchema: z.ZodType<ForestNode> = z.lazy(() =>
  z.union([
    leafSchema,
    z.strictObject({ splitColumn: z.number().int().min(0), splitValue: z.number(), gain: z.number(), numberSamples: z.number().int().min(0), left: nodeSchema, right: nodeSchema }),
  ]),
);

const estimatorSchema = z.object({ name: z.literal("DTClassifier"), options: z.record(z.string(), z.unknown()), root: nodeSchema });
const forestSchema = z.object({
  name: z.literal("RFClassifier"),
  baseModel: z
    .object({ nEstimators: z.number().int().positive(), indexes: z.array(z.array(z.number().int().min(0))), estimators: z.array(estimatorSchema) })
    .passthrough()
    .refine((m) => m.indexes.length === m.nEstimators && m.estimators.length === m.nEstimators, { message: "needs one feature index list and one tree per estimator" }),
});

export const winClassifierOptionsSchema = z.strictObject({
  trees: z.number().int().min(1).max(1000),
  maxDepth: z.number().int().min(1).max(30),
  minSplitRows: z.number().int().min(1),
  featureShare: z.number().gt(0).max(1),
  seed: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1),
});

const FORMAT = "win-classifier/1";
export const winClassifierJsonSchema = z.strictObject({ format: z.literal(FORMAT), features: z.number().int().positive(), options: winClassifierOptionsSchema, forest: forestSchema });

/** A stored classifier: the forest as ml-random-forest loads it, its trees reduced to what prediction and MDI read. */
export type WinClassifierJson = z.infer<typeof winClassifierJsonSchema>;

export interface WinClassifier {
  readonly features: number;
  /** P(win) of each row: the share of trees voting win. */
  probabilities(X: readonly (readonly number[])[]): number[];
  /** Mean decrease in impurity per feature, summing to 1 (all 0 when no tree split). */
  importances(names: readonly string[]): Record<string, number>;
  toJSON(): WinClassifierJson;
}

export interface TrainedWinClassifier extends WinClassifier {
  /** Per training row, the share of the trees that did not see it voting win; NaN for a row every tree saw. */
  oobProbabilities(): number[];
}

/**
 * The forest as ml-random-forest's toJSON() writes it, each tree reduced to what loading and MDI read (ml-cart would
 * store every option on every node, 2.5× the size).
 */
function forestJson(trained: TrainedForest, features: number, opts: WinClassifierOptions, perTree: number): WinClassifierJson["forest"] {
  const treeOptions = { maxDepth: opts.maxDepth, minNumSamples: opts.minSplitRows, gainThreshold: GAIN_THRESHOLD };
  return {
    name: "RFClassifier",
    baseModel: {
      indexes: trained.indexes,
      n: perTree,
      replacement: false,
      // As the library would be given it: a share in (0, 1], half a feature over the count so its floor() keeps the count.
      maxFeatures: perTree === features ? 1 : (perTree + 0.5) / features,
      nEstimators: opts.trees,
      treeOptions,
      isClassifier: true,
      seed: opts.seed,
      estimators: trained.roots.map((root) => ({ options: { gainFunction: "gini", splitFunction: "mean", ...treeOptions, kind: "classifier" }, root, name: "DTClassifier" as const })),
      useSampleBagging: true,
    },
  };
}

function requireRows(X: readonly (readonly number[])[], features: number, field: string): void {
  X.forEach((row, i) => {
    if (row.length !== features) throw new LearningError("INVALID_INPUT", `${field}[${i}] has ${row.length} features, the classifier ${features}`);
    const bad = row.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new LearningError("INVALID_INPUT", `${field}[${i}][${bad}] is not a finite number (${row[bad]})`);
  });
}

function splitGains(node: ForestNode, used: readonly number[], into: number[]): void {
  if ("distribution" in node) return;
  const feature = used[node.splitColumn] ?? -1;
  if (feature >= 0 && feature < into.length && node.gain > 0) into[feature] = (into[feature] ?? 0) + node.gain * node.numberSamples;
  splitGains(node.left, used, into);
  splitGains(node.right, used, into);
}

/** MDI: each tree's weighted impurity decreases per feature, normalised per tree, averaged, normalised again. */
function meanDecreaseInImpurity(json: WinClassifierJson): number[] {
  const total = new Array<number>(json.features).fill(0);
  json.forest.baseModel.estimators.forEach((tree, t) => {
    const gains = new Array<number>(json.features).fill(0);
    splitGains(tree.root, json.forest.baseModel.indexes[t] ?? [], gains);
    const sum = gains.reduce((a, b) => a + b, 0);
    if (sum > 0) gains.forEach((g, f) => (total[f] = (total[f] ?? 0) + g / sum));
  });
  const sum = total.reduce((a, b) => a + b, 0);
  return total.map((v) => (sum > 0 ? v / sum : 0));
}

function classifier(json: WinClassifierJson): WinClassifier {
  // The library's types describe its own JSON loosely; the schema above is the check that matters.
  const forest = RandomForestClassifier.load(json.forest as unknown as Parameters<typeof RandomForestClassifier.load>[0]);
  const trees = json.forest.baseModel.nEstimators;
  return {
    features: json.features,
    probabilities(X) {
      if (X.length === 0) return [];
      requireRows(X, json.features, "X");
      const votes = forest.predictionValues(X.map((row) => [...row]));
      const out = new Array<number>(X.length);
      for (let i = 0; i < X.length; i++) {
        let wins = 0;
        for (let t = 0; t < trees; t++) wins += votes.get(i, t);
        out[i] = wins / trees;
      }
      return out;
    },
    importances(names) {
      if (names.length !== json.features) throw new LearningError("INVALID_INPUT", `got ${names.length} feature names for a classifier of ${json.features} features`);
      const mdi = meanDecreaseInImpurity(json);
      return Object.fromEntries(names.map((name, f) => [name, mdi[f] ?? 0]));
    },
    toJSON: () => json,
  };
}

/**
 * Trains a seeded forest on rows X (finite features) and labels y (1 = the trade won). Predictions come from the
 * forest reloaded from its own JSON, so the backtest predicts with exactly what is stored and paper trading loads.
 */
export function trainWinClassifier(X: readonly (readonly number[])[], y: readonly (0 | 1)[], options: Partial<WinClassifierOptions> = {}): TrainedWinClassifier {
  const parsed = winClassifierOptionsSchema.safeParse({ ...DEFAULT_WIN_CLASSIFIER, ...options });
  if (!parsed.success) throw new LearningError("INVALID_INPUT", `classifier options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const opts = parsed.data;
  if (X.length < 2) throw new LearningError("INVALID_INPUT", `need at least 2 training rows, got ${X.length}`);
  if (y.length !== X.length) throw new LearningError("INVALID_INPUT", `got ${y.length} labels for ${X.length} rows`);
  const features = X[0]?.length ?? 0;
  if (features < 1) throw new LearningError("INVALID_INPUT", "training rows have no features");
  requireRows(X, features, "X");
  y.forEach((label, i) => {
    if (label !== 0 && label !== 1) throw new LearningError("INVALID_INPUT", `y[${i}] must be 0 or 1, got ${String(label)}`);
  });
  const perTree = Math.max(1, Math.floor(features * opts.featureShare));
  const trained = trainForest(X, y, {
    trees: opts.trees,
    maxDepth: opts.maxDepth,
    minSplitRows: opts.minSplitRows,
    featuresPerTree: perTree,
    gainThreshold: GAIN_THRESHOLD,
    seed: opts.seed,
  });
  const stored = classifier({ format: FORMAT, features, options: opts, forest: forestJson(trained, features, opts, perTree) });
  return { ...stored, oobProbabilities: () => [...trained.oob] };
}

/** A stored classifier back (validated: a model that does not parse is an INVALID_MODEL error, not a crash later). */
export function loadWinClassifier(json: unknown): WinClassifier {
  const parsed = winClassifierJsonSchema.safeParse(json);
  if (!parsed.success) throw new LearningError("INVALID_MODEL", `stored classifier: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return classifier(parsed.data);
}
