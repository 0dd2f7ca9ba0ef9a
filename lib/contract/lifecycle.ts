import { z } from "zod";
import { lifecycleStateSchema } from "@/lib/lifecycle/lifecycle-state";
import { moveEvidenceSchema } from "@/lib/lifecycle/move-evidence";
import { jobSchema } from "./jobs";

export { LIFECYCLE_STATES, lifecycleStateSchema, type LifecycleState } from "@/lib/lifecycle/lifecycle-state";

/** The research loop's switches and schedule as a person edits them (PUT /api/research-loop). */
export const researchLoopSettingsInputSchema = z.strictObject({
  enabled: z.boolean(),
  /** Five fields (minute hour day-of-month month day-of-week), in UTC; the server checks it parses. */
  cron: z.string().trim().min(1, "a cron expression is needed, e.g. 0 */6 * * *").max(100),
  windowDays: z.number().int("whole days").min(7, "at least 7 days").max(730, "at most 730 days"),
  fetch: z.boolean(),
  retrain: z.boolean(),
  autoPromote: z.boolean(),
  autoDemote: z.boolean(),
});
export type ResearchLoopSettingsInput = z.infer<typeof researchLoopSettingsInputSchema>;

/** What the store holds when nobody has saved settings yet (the migration's defaults): off. */
export const RESEARCH_LOOP_DEFAULTS: ResearchLoopSettingsInput = { enabled: false, cron: "0 */6 * * *", windowDays: 90, fetch: true, retrain: true, autoPromote: true, autoDemote: true };

/** The settings field names as people read them, for "saved: …" lines. */
export const RESEARCH_LOOP_FIELD_LABELS: Record<keyof ResearchLoopSettingsInput, string> = {
  enabled: "schedule on/off",
  cron: "schedule",
  windowDays: "window",
  fetch: "fetch new data",
  retrain: "retrain models",
  autoPromote: "auto-promote to paper",
  autoDemote: "auto-demote",
};

export const researchLoopSettingsSchema = researchLoopSettingsInputSchema.extend({
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** The schedule's next firing (ISO, UTC) while enabled; null when off. */
  nextRunAt: z.string().nullable(),
});
export type ResearchLoopSettingsJson = z.infer<typeof researchLoopSettingsSchema>;

/** GET /api/research-loop: the settings and the last loop runs (jobs of kind research-loop, newest first). */
export const researchLoopSchema = z.object({ settings: researchLoopSettingsSchema, runs: z.array(jobSchema) });
export type ResearchLoopJson = z.infer<typeof researchLoopSchema>;

/** PUT /api/research-loop: the saved settings and the fields that changed. */
export const researchLoopSavedSchema = z.object({ settings: researchLoopSettingsSchema, changed: z.array(researchLoopSettingsInputSchema.keyof()) });
export type ResearchLoopSavedJson = z.infer<typeof researchLoopSavedSchema>;

/** What became of a move's webhook notification. */
export const lifecycleNotificationSchema = z.object({ delivered: z.boolean(), reason: z.string().optional(), at: z.number() });
export type LifecycleNotification = z.infer<typeof lifecycleNotificationSchema>;

export const lifecycleEventSchema = z.object({
  id: z.number(),
  hypothesisId: z.string(),
  hypothesisName: z.string(),
  symbol: z.string(),
  from: lifecycleStateSchema.nullable(),
  to: lifecycleStateSchema,
  reason: z.string(),
  evidence: moveEvidenceSchema,
  actor: z.string(),
  jobId: z.string().nullable(),
  notification: lifecycleNotificationSchema.nullable(),
  createdAt: z.string(),
});
export type LifecycleEventJson = z.infer<typeof lifecycleEventSchema>;

/** One hypothesis × instrument's place in the lifecycle. */
export const lifecyclePairSchema = z.object({
  hypothesisId: z.string(),
  hypothesisName: z.string(),
  timeframe: z.string().nullable(),
  symbol: z.string(),
  state: lifecycleStateSchema,
  paperAccountId: z.string().nullable(),
  since: z.string(),
  lastReason: z.string().nullable(),
  /** The moves a person may make by hand from here. */
  manualMoves: z.array(lifecycleStateSchema),
});
export type LifecyclePairJson = z.infer<typeof lifecyclePairSchema>;

/** GET /api/lifecycle: every tracked pair and the latest moves. */
export const lifecycleSchema = z.object({ pairs: z.array(lifecyclePairSchema), events: z.array(lifecycleEventSchema) });
export type LifecycleJson = z.infer<typeof lifecycleSchema>;

/** GET /api/lifecycle/[hypothesisId]?symbol=: one pair's whole history, oldest first. */
export const lifecycleHistorySchema = z.object({ events: z.array(lifecycleEventSchema) });
export type LifecycleHistoryJson = z.infer<typeof lifecycleHistorySchema>;

/** POST /api/lifecycle/[hypothesisId]: a person's move by hand: retire it, or send it back to research. */
export const lifecycleManualMoveSchema = z.strictObject({
  symbol: z.string().min(1).max(40),
  to: z.enum(["retired", "candidate"]),
  reason: z.string().trim().min(3, "say why, in a few words").max(500),
});
export type LifecycleManualMove = z.infer<typeof lifecycleManualMoveSchema>;

export const lifecycleMovedSchema = z.object({ event: lifecycleEventSchema });
