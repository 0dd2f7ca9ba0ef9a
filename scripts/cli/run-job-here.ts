import { createJob } from "@/db/queries/jobs";
import { errorMessage } from "@/lib/error-message";
import { JobCancelledError, type JobContext } from "@/lib/jobs/job-context";
import { executeJob, type JobStore } from "@/lib/jobs/run-job";
import type { Database } from "@/db/client";
import { terminalProgress } from "./terminal-progress";

export interface RunHereOptions {
  /** --json: no bar and no log lines on stderr. */
  readonly quiet: boolean;
  /** Also print the job's log lines on stderr (a trader's actions). */
  readonly echoLog?: (message: string) => void;
}

/**
 * Runs a job in this process: its row is created and run here, never queued (so no worker takes it), the page sees
 * its progress and can stop it, and a terminal bar mirrors the progress. A failure other than a stop is thrown with
 * its message once the bar is gone; a stop (the page, a stop command) returns null.
 */
export async function runJobHere<P, R>(store: JobStore, kind: string, params: P, options: RunHereOptions, run: (db: Database, params: P, ctx: JobContext) => Promise<R>): Promise<R | null> {
  const bar = terminalProgress({ quiet: options.quiet });
  let result: R | null = null;
  let failure: string | null = null;
  const job = await createJob(store.db, kind, params);
  await executeJob(store, job, params, async (jobDb, jobParams, ctx) => {
    const progress = async (done: number, total: number, step?: string) => {
      await bar.update(done, total, step);
      await ctx.progress(done, total, step);
    };
    const log = async (message: string, level?: "info" | "warn" | "error") => {
      if (!options.quiet) options.echoLog?.(message);
      await ctx.log(message, level);
    };
    try {
      result = await run(jobDb, jobParams, { ...ctx, progress, log });
      return result;
    } catch (error) {
      if (!(error instanceof JobCancelledError)) failure = errorMessage(error);
      throw error;
    }
  });
  bar.stop();
  if (failure) throw new Error(failure);
  return result;
}
