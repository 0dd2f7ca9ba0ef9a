import { z } from "zod";
import { LearningError } from "./errors";
import { DEFAULT_MIN_KEPT_SHARE, DEFAULT_THRESHOLDS } from "./threshold-choice";
import { DEFAULT_WIN_CLASSIFIER, winClassifierOptionsSchema } from "./win-classifier";

/**
 * How meta-labelling trains, stored with every model version (`params.options`), so a version says how it was made:
 * - `folds`: test windows after the first training span (each gets its own model version);
 * - `minLabels`: fewer plain trades than this and the hypothesis is not meta-labelled (a forest on a few dozen trades
 *   learns their noise);
 * - `minTrainLabels`: a test window starts only once this many labels are purged-complete before it;
 * - `maxTrainLabels`: a model trains on at most the latest this many of them (the latest trades describe the current
 *   market best, and it bounds a fold's time);
 * - `minTrainFraction`: and not before this share of the period (the first model sees a fair stretch of history);
 * - `embargoMs`: gap between a training label's exit and the test window; absent = the hypothesis's maximum hold;
 * - `thresholds`, `minKeptShare`: the P(win) grid and the least share of training trades a threshold must keep.
 */
export const metaLabelOptionsSchema = z
  .strictObject({
  folds: z.number().int().min(1).max(50),
  minLabels: z.number().int().min(10),
  minTrainLabels: z.number().int().min(10),
  maxTrainLabels: z.number().int().min(10),
  minTrainFraction: z.number().min(0).lt(1),
  embargoMs: z.number().min(0).optional(),
  thresholds: z.array(z.number().gt(0).max(1)).min(1),
  minKeptShare: z.number().gt(0).max(1),
  classifier: winClassifierOptionsSchema,
  })
  .refine((o) => o.minTrainLabels <= o.maxTrainLabels, { message: "minTrainLabels cannot exceed maxTrainLabels", path: ["maxTrainLabels"] });
export type MetaLabelOptions = z.infer<typeof metaLabelOptionsSchema>;

export const DEFAULT_META_LABEL: MetaLabelOptions = {
  folds: 6,
  minLabels: 60,
  minTrainLabels: 40,
  maxTrainLabels: 300,
  minTrainFraction: 0.3,
  thresholds: [...DEFAULT_THRESHOLDS],
  minKeptShare: DEFAULT_MIN_KEPT_SHARE,
  classifier: DEFAULT_WIN_CLASSIFIER,
};

/** Options over the defaults (a partial `classifier` is merged too); a bad value is an error naming the field. */
export function resolveMetaLabelOptions(options: Partial<Omit<MetaLabelOptions, "classifier">> & { classifier?: Partial<MetaLabelOptions["classifier"]> } = {}): MetaLabelOptions {
  const parsed = metaLabelOptionsSchema.safeParse({ ...DEFAULT_META_LABEL, ...options, classifier: { ...DEFAULT_META_LABEL.classifier, ...options.classifier } });
  if (!parsed.success) throw new LearningError("INVALID_INPUT", `meta-label options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
