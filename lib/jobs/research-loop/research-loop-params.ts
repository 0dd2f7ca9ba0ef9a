import { z } from "zod";

export const RESEARCH_LOOP_JOB_KIND = "research-loop";

/** A loop run's parameters; what it does (window, fetch, promotion) comes from the saved settings, read when it starts. */
export const researchLoopParamsSchema = z.strictObject({
  trigger: z.enum(["schedule", "manual"]).default("manual"),
  /** A hypotheses file's text tested instead of the catalog (as the pipeline's option); `path` only names it. */
  hypothesesFile: z.strictObject({ path: z.string().max(500), text: z.string() }).optional(),
});
export type ResearchLoopParams = z.input<typeof researchLoopParamsSchema>;
