import { z } from "zod";
import type { Database } from "@/db/client";
import { isJobCancelRequested } from "@/db/queries/jobs";
import { JobCancelledError, type JobContext } from "../job-context";
import { runPaperAccount, type PaperRunOptions, type PaperRunResult } from "./run-paper-account";

/**
 * The job that drives one paper account. Workers run it from the queue (lib/jobs/job-kinds.ts); it is started only
 * through /api/paper, which creates the account first, never through POST /api/jobs. The CLI runs it in its own
 * process.
 */
export const PAPER_JOB_KIND = "paper";

export const paperJobParamsSchema = z.strictObject({ accountId: z.uuid("a paper account id is a UUID") });
export type PaperJobParams = z.infer<typeof paperJobParamsSchema>;

/** What the CLI adds to a run: its own stop signal (Ctrl-C) and a Kraken Futures emulator's URL. */
export interface PaperJobExtras {
  readonly signal?: AbortSignal;
  readonly exchangeBaseUrl?: PaperRunOptions["exchangeBaseUrl"];
}

/**
 * Runs the account until its replay ends, its status becomes stopped, or the job is cancelled (`ctx.signal`). A stop
 * also asks the job to cancel, so a run that stopped on request ends the job cancelled, whichever of the two it
 * noticed first.
 */
export async function runPaperJob(db: Database, { accountId }: PaperJobParams, ctx: JobContext, extras: PaperJobExtras = {}): Promise<PaperRunResult> {
  const result = await runPaperAccount(db, accountId, {
    progress: ctx.progress,
    log: (message) => ctx.log(message),
    jobId: ctx.jobId,
    signal: extras.signal ? AbortSignal.any([ctx.signal, extras.signal]) : ctx.signal,
    ...(extras.exchangeBaseUrl ? { exchangeBaseUrl: extras.exchangeBaseUrl } : {}),
  });
  if (result.endedBy !== "end" && (ctx.signal.aborted || (await isJobCancelRequested(db, ctx.jobId)))) throw new JobCancelledError();
  return result;
}
