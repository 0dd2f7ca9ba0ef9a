import type { Database } from "@/db/client";
import {
  appendJobLog,
  createJob,
  finishJob,
  isJobCancelRequested,
  markJobRunning,
  touchJobHeartbeat,
  updateJobProgress,
  type JobRow,
} from "@/db/queries/jobs";
import { JobCancelledError, type JobContext } from "./job-context";

export type JobHandler<P> = (db: Database, params: P, ctx: JobContext) => Promise<unknown>;

/** Progress is written at most this often so a tight loop does not turn into a write storm. */
const PROGRESS_INTERVAL_MS = 250;
/** Jobs whose heartbeat is older than a few of these are taken for dead by a starting worker. */
export const HEARTBEAT_MS = 15_000;

function makeContext(db: Database, jobId: string, intervalMs: number): JobContext {
  let lastWrite = 0;
  return {
    jobId,
    async progress(done, total, step) {
      const now = Date.now();
      if (now - lastWrite < intervalMs && done < total) return;
      lastWrite = now;
      await updateJobProgress(db, jobId, done, total, step ?? null);
      if (await isJobCancelRequested(db, jobId)) throw new JobCancelledError();
    },
    log: (message, level = "info") => appendJobLog(db, jobId, level, message),
  };
}

/** Runs a job that already has a row, recording its outcome; never throws (the row holds the error). */
export async function executeJob<P>(
  db: Database,
  job: JobRow,
  params: P,
  handler: JobHandler<P>,
  options: { progressIntervalMs?: number } = {},
): Promise<void> {
  await markJobRunning(db, job.id);
  const ctx = makeContext(db, job.id, options.progressIntervalMs ?? PROGRESS_INTERVAL_MS);
  // A heartbeat between progress reports tells other workers this job is alive (see failOrphanedJobs).
  const heartbeat = setInterval(() => void touchJobHeartbeat(db, job.id).catch((e: unknown) => process.stderr.write(`job ${job.id}: heartbeat failed: ${String(e)}\n`)), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await handler(db, params, ctx);
    await finishJob(db, job.id, "succeeded", { result });
  } catch (error) {
    if (error instanceof JobCancelledError) {
      await finishJob(db, job.id, "cancelled", { error: "cancelled on request" });
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    await appendJobLog(db, job.id, "error", message).catch(() => undefined);
    await finishJob(db, job.id, "failed", { error: message });
  } finally {
    clearInterval(heartbeat);
  }
}

/** Creates the job row and runs it in this process without waiting (the embedded store's way of running jobs). */
export async function startJobInProcess<P>(db: Database, kind: string, params: P, handler: JobHandler<P>): Promise<JobRow> {
  const job = await createJob(db, kind, params);
  void executeJob(db, job, params, handler);
  return job;
}
