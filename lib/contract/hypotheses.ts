import { z } from "zod";

/**
 * What the Signals table shows of a stored hypothesis (a plain object the server page passes to the client). Spelled
 * here rather than built from lib/signals/hypothesis's schemas: that module hashes with node:crypto, and forms in the
 * browser import this file.
 */
export const hypothesisRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeframe: z.string(),
  direction: z.enum(["long", "short"]),
  signalType: z.string(),
  entryConditions: z.array(z.string()),
  stopLoss: z.string(),
  target: z.string(),
  expectedAccuracy: z.number(),
  typicalHoldMinutes: z.tuple([z.number(), z.number()]),
  regimeBest: z.string(),
  description: z.string(),
  source: z.enum(["discovery", "custom", "file", "learned"]),
});
export type HypothesisRow = z.infer<typeof hypothesisRowSchema>;

/** A hypothesis to pick in a form: GET /api/hypotheses sends every stored field, forms read these. */
export const hypothesisOptionSchema = hypothesisRowSchema.pick({ id: true, name: true, timeframe: true, direction: true });
export type HypothesisOption = z.infer<typeof hypothesisOptionSchema>;

/** GET /api/hypotheses. */
export const hypothesisListSchema = z.object({ hypotheses: z.array(hypothesisOptionSchema) });
export type HypothesisListJson = z.infer<typeof hypothesisListSchema>;

/** A rule problem: the field (`entryConditions[1]`), the parser's message, and a code for issues one may override. */
export const ruleIssueSchema = z.object({ field: z.string(), message: z.string(), code: z.string().optional() });
export type RuleIssueJson = z.infer<typeof ruleIssueSchema>;

/** POST /api/hypotheses/validate: every issue of a draft's rules (200 even when there are some). */
export const ruleCheckSchema = z.object({ issues: z.array(ruleIssueSchema) });
export type RuleCheckJson = z.infer<typeof ruleCheckSchema>;

/** POST /api/hypotheses (201): the saved hypothesis, and whether it replaced one with the same rules. */
export const savedHypothesisSchema = z.object({ hypothesis: z.object({ id: z.string(), name: z.string() }), replaced: z.boolean() });
export type SavedHypothesisJson = z.infer<typeof savedHypothesisSchema>;
