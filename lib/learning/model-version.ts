import { z } from "zod";
import { metaLabelOptionsSchema } from "./meta-label-options";
import { winClassifierJsonSchema } from "./win-classifier";

const thresholdChoiceSchema = z.strictObject({ threshold: z.number(), kept: z.number().int(), keptShare: z.number(), keptMeanR: z.number(), allMeanR: z.number() });

/** What a version measured on its own training labels (the test window is judged by the report, not here). */
export const modelMetricsSchema = z.strictObject({
  labels: z.number().int().min(0),
  wins: z.number().int().min(0),
  winRate: z.number().min(0).max(1),
  /** Share of labels whose out-of-bag vote (P > 0.5 = win) was right; null when no label was out of bag. */
  oobAccuracy: z.number().min(0).max(1).nullable(),
  importances: z.record(z.string(), z.number()),
  /** How the threshold was chosen, on out-of-bag probabilities. */
  thresholdChoice: thresholdChoiceSchema,
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/**
 * One walk-forward model of a meta-labelled (or stacked) variant on one instrument — a `learned_models` row: it
 * decides the bars closing from `validFrom` until the next version's; it was trained on labels from `trainFrom`
 * (first entry) to `trainTo` (last exit), all over before `validFrom` minus the embargo. `threshold` 0 keeps every signal.
 */
export const modelVersionSchema = z.strictObject({
  version: z.number().int().min(1),
  validFrom: z.number(),
  trainFrom: z.number(),
  trainTo: z.number(),
  features: z.array(z.string().min(1)).min(1),
  threshold: z.number().min(0).max(1),
  options: metaLabelOptionsSchema,
  model: winClassifierJsonSchema,
  metrics: modelMetricsSchema,
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;
