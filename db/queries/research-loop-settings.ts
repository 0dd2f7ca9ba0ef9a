// cron-parser is CommonJS whose exports Node cannot name for an ES module: read them from its default export.
import cronParser from "cron-parser";
import { eq } from "drizzle-orm";
import { RESEARCH_LOOP_DEFAULTS, researchLoopSettingsInputSchema, type ResearchLoopSettingsInput, type ResearchLoopSettingsJson } from "@/lib/contract/lifecycle";
import { errorMessage } from "@/lib/error-message";
import type { Database } from "../client";
import { researchLoopSettings } from "../schema";

/** The one settings row. */
const ROW_ID = 1;

/**
 * Why a cron expression is refused, or null. pg-boss reads schedules with cron-parser, in UTC here, and looks at them
 * about every 30 seconds with a minute's tolerance, so only the five-field form (minute precision) is accepted.
 */
export function cronRefusal(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `a cron expression has five fields (minute hour day-of-month month day-of-week), not ${fields.length}: e.g. 0 */6 * * * for every six hours`;
  try {
    cronParser.parseExpression(cron, { tz: "UTC" });
    return null;
  } catch (error) {
    return `not a cron expression pg-boss can read: ${errorMessage(error)}`;
  }
}

/** The schedule's next firing after `now`, in UTC. */
export function nextCronRun(cron: string, now: Date = new Date()): Date {
  return cronParser.parseExpression(cron, { tz: "UTC", currentDate: now }).next().toDate();
}

/** The settings a person saves: the contract's shape, and a cron expression the scheduler can read. */
export const researchLoopSettingsUpdateSchema = researchLoopSettingsInputSchema.superRefine((input, ctx) => {
  const refusal = cronRefusal(input.cron);
  if (refusal !== null) ctx.addIssue({ code: "custom", path: ["cron"], message: refusal });
});

export interface StoredResearchLoopSettings extends ResearchLoopSettingsInput {
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

/** The settings, or the defaults (off) when nobody saved any. */
export async function readResearchLoopSettings(db: Database): Promise<StoredResearchLoopSettings> {
  const [row] = await db.select().from(researchLoopSettings).where(eq(researchLoopSettings.id, ROW_ID));
  if (!row) return { ...RESEARCH_LOOP_DEFAULTS, updatedAt: null, updatedBy: null };
  const { enabled, cron, windowDays, fetch, retrain, autoPromote, autoDemote, updatedAt, updatedBy } = row;
  return { enabled, cron, windowDays, fetch, retrain, autoPromote, autoDemote, updatedAt, updatedBy };
}

export function researchLoopSettingsJson(settings: StoredResearchLoopSettings, now: Date = new Date()): ResearchLoopSettingsJson {
  const { updatedAt, updatedBy, ...input } = settings;
  return { ...input, updatedAt: updatedAt?.toISOString() ?? null, updatedBy, nextRunAt: settings.enabled && cronRefusal(settings.cron) === null ? nextCronRun(settings.cron, now).toISOString() : null };
}

/**
 * Validates and saves the settings (ZodError naming the field on bad input, nothing saved), inside `db`'s transaction
 * when it is one, and answers the saved settings with the fields that changed.
 */
export async function saveResearchLoopSettings(db: Database, rawInput: unknown, by: string): Promise<{ settings: StoredResearchLoopSettings; changed: (keyof ResearchLoopSettingsInput)[] }> {
  const input = researchLoopSettingsUpdateSchema.parse(rawInput);
  const before = await readResearchLoopSettings(db);
  const values = { ...input, cron: input.cron.replace(/\s+/g, " "), updatedAt: new Date(), updatedBy: by };
  await db
    .insert(researchLoopSettings)
    .values({ id: ROW_ID, ...values })
    .onConflictDoUpdate({ target: researchLoopSettings.id, set: values });
  const settings = await readResearchLoopSettings(db);
  const keys = Object.keys(RESEARCH_LOOP_DEFAULTS) as (keyof ResearchLoopSettingsInput)[];
  return { settings, changed: keys.filter((k) => before[k] !== settings[k]) };
}
