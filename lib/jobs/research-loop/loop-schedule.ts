import { aliveJobsOfKind, type JobRow } from "@/db/queries/jobs";
import { readResearchLoopSettings, saveResearchLoopSettings, type StoredResearchLoopSettings } from "@/db/queries/research-loop-settings";
import type { ResearchLoopSettingsInput } from "@/lib/contract/lifecycle";
import { startJob } from "../job-kinds";
import { jobQueue, RESEARCH_LOOP_SCHEDULE_QUEUE } from "../job-queue";
import type { JobStore } from "../run-job";
import { RESEARCH_LOOP_JOB_KIND, type ResearchLoopParams } from "./research-loop-params";

/** What the schedule's message carries: the loop's parameters, started as a schedule. */
const SCHEDULED: ResearchLoopParams = { trigger: "schedule" };

/**
 * Makes pg-boss's schedule match the settings: while enabled, the cron (UTC) sends a message to the loop's queue;
 * while off, no schedule exists. A worker's clock (pg-boss started with `schedule: true`) fires it.
 */
export async function syncResearchLoopSchedule(url: string, settings: Pick<StoredResearchLoopSettings, "enabled" | "cron">): Promise<void> {
  const boss = await jobQueue(url, "sender");
  if (settings.enabled) await boss.schedule(RESEARCH_LOOP_SCHEDULE_QUEUE, settings.cron, SCHEDULED, { tz: "UTC" });
  else await boss.unschedule(RESEARCH_LOOP_SCHEDULE_QUEUE);
}

/**
 * Saves the settings and the schedule together: the row is written in a transaction that commits only once pg-boss
 * holds the matching schedule, so a schedule that could not be saved leaves the old settings in place.
 */
export async function saveLoopSettings(store: JobStore, input: unknown, by: string): Promise<{ settings: StoredResearchLoopSettings; changed: (keyof ResearchLoopSettingsInput)[] }> {
  return store.db.transaction(async (tx) => {
    const saved = await saveResearchLoopSettings(tx, input, by);
    await syncResearchLoopSchedule(store.url, saved.settings);
    return saved;
  });
}

/**
 * What the schedule's message does: starts a research-loop job (a row with progress, like any job), unless the loop
 * is off (a schedule left from before it was turned off) or a loop is already queued or running, which is skipped
 * with a line saying so: never two loops at once.
 */
export async function startScheduledLoop(store: JobStore, data: unknown, log: (line: string) => void): Promise<JobRow | null> {
  const settings = await readResearchLoopSettings(store.db);
  if (!settings.enabled) {
    log("research loop: the schedule fired while the loop is off; nothing started");
    return null;
  }
  const [running] = await aliveJobsOfKind(store.db, RESEARCH_LOOP_JOB_KIND);
  if (running) {
    log(`research loop: skipped the scheduled run, as loop job ${running.id} is still ${running.status}`);
    return null;
  }
  const params = typeof data === "object" && data !== null ? { ...data, trigger: "schedule" } : SCHEDULED;
  const job = await startJob(store, RESEARCH_LOOP_JOB_KIND, params);
  log(`research loop: scheduled run started as job ${job.id}`);
  return job;
}
