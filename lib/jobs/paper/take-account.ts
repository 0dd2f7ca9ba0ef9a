import type { Database } from "@/db/client";
import { isJobCancelRequested } from "@/db/queries/jobs";
import { claimAccountForJob, getAccount, setAccountStatus } from "@/db/queries/paper";
import { JobCancelledError } from "../job-context";
import { PaperAccountError } from "./errors";

/**
 * Takes the account for a run, before its state is read: a job claims it atomically (one driver at a time, whichever
 * process launched it); a run without a job (tests, direct calls) just sets it running.
 */
export async function takeAccount(db: Database, accountId: string, jobId: string | undefined): Promise<void> {
  if (jobId === undefined) {
    await setAccountStatus(db, accountId, "running", { error: null });
    return;
  }
  if (await claimAccountForJob(db, accountId, jobId)) return;
  if (!(await getAccount(db, accountId))) throw new PaperAccountError("PAPER_ACCOUNT_NOT_FOUND", `no paper account ${accountId}`, { field: "account" });
  // Stopped while it waited for a worker (or in the moment before it started): it ends cancelled, touching nothing.
  if (await isJobCancelRequested(db, jobId)) throw new JobCancelledError();
  throw new PaperAccountError("PAPER_ALREADY_RUNNING", `paper account ${accountId} is driven by another job that is still alive, so job ${jobId} leaves it alone`);
}

/** The refusal a job meets once it no longer drives its account: it stops without writing anything more. */
export function supersededError(accountId: string, jobId: string | undefined): PaperAccountError {
  return new PaperAccountError(
    "PAPER_SUPERSEDED",
    `job ${jobId ?? "(none)"} no longer drives paper account ${accountId} (the sweep took it for dead, or another job took the account over); it stopped without writing more`,
  );
}
