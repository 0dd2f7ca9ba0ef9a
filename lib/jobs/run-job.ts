import { hostname } from "node:os";
import type { Database } from "@/db/client";
import { appendJobLog, finishJob, isJobCancelRequested, markJobRunning, touchJobHeartbeat, updateJobProgress, type JobRow } from "@/db/queries/jobs";
import { errorMessage } from "@/lib/error-message";
import { JobCancelledError, type JobContext } from "./job-context";

/** The store a job runs on: its database, and its URL for the queue. */
export interface JobStore {
  readonly db: Database;
  readonly url: string;
}

export type JobHandler<P> = (db: Database, params: P, ctx: JobContext) => Promise<unknown>;

/** Progress is written at most this often so a tight loop does not turn into a write storm. */
const PROGRESS_INTERVAL_MS = 250;
/** A running job's heartbeat; STALE_JOB_SECONDS (several missed beats) later the sweep takes it for dead. */
export const HEARTBEAT_MS = 5_000;

/** This process as a worker, as jobs and tasks record who runs them. */
export const WORKER_ID = `${hostname()}:${process.pid}`;

function makeContext(db: Database, jobId: string, queueUrl: string, intervalMs: number, signal: AbortSignal): JobContext {
  let lastWrite = 0;
  return {
    jobId,
    signal,
    queueUrl,
    async progress(done, total, step) {
      if (signal.aborted) throw new JobCancelledError();
      const now = Date.now();
      if (now - lastWrite < intervalMs && done < total) return;
      lastWrite = now;
      await updateJobProgress(db, jobId, done, total, step ?? null);
      if (await isJobCancelRequested(db, jobId)) throw new JobCancelledError();
    },
    log: (message, level = "info") => appendJobLog(db, jobId, level, message),
    complete: async (tx, result) => {
      await finishJob(tx, jobId, "succeeded", { result });
    },
  };
}

/**
 * Claims a queued job and runs it, recording its outcome; never throws (the row holds the error). A job that is no
 * longer queued (cancelled while it waited, or taken by another worker) is left alone.
 */
export async function executeJob<P>(store: JobStore, job: JobRow, params: P, handler: JobHandler<P>, options: { progressIntervalMs?: number } = {}): Promise<void> {
  const { db } = store;
  if (!(await markJobRunning(db, job.id, WORKER_ID))) return;
  const abort = new AbortController();
  const ctx = makeContext(db, job.id, store.url, options.progressIntervalMs ?? PROGRESS_INTERVAL_MS, abort.signal);
  // The heartbeat tells the sweep this job is alive, and passes a cancel request on to work between progress reports.
  const heartbeat = setInterval(() => {
    touchJobHeartbeat(db, job.id)
      .then(() => isJobCancelRequested(db, job.id))
      .then((cancelled) => cancelled && abort.abort())
      .catch((e: unknown) => process.stderr.write(`job ${job.id}: heartbeat failed: ${errorMessage(e)}\n`));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await handler(db, params, ctx);
    await finishJob(db, job.id, "succeeded", { result });
  } catch (error) {
    if (error instanceof JobCancelledError || abort.signal.aborted) {
      await finishJob(db, job.id, "cancelled", { error: "cancelled on request" });
      return;
    }
    const message = errorMessage(error);
    await appendJobLog(db, job.id, "error", message).catch(() => undefined);
    await finishJob(db, job.id, "failed", { error: message });
  } finally {
    clearInterval(heartbeat);
  }
}
