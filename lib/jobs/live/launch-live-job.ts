import type { Database } from "@/db/client";
import { requestJobCancel, type JobRow } from "@/db/queries/jobs";
import { getLiveAccount, type LiveAccountRow } from "@/db/queries/live-accounts";
import { claimAccountForJob, getAccount } from "@/db/queries/paper";
import { startJob } from "../job-kinds";
import type { JobStore } from "../run-job";
import { isAccountDriven } from "../paper/account-driver";
import { PaperAccountError } from "../paper/errors";
import { LiveAccountError } from "./errors";
import { LIVE_JOB_KIND } from "./live-job";

export async function requireLiveAccount(db: Database, accountId: string): Promise<LiveAccountRow> {
  const account = await getLiveAccount(db, accountId);
  if (account === undefined) throw new LiveAccountError("LIVE_ACCOUNT_NOT_FOUND", `no live account ${accountId}`);
  return account;
}

/** Whether a trader (in any process) drives the account now: its decision engine's job is queued or beating. */
export async function isLiveAccountDriven(db: Database, account: LiveAccountRow): Promise<boolean> {
  const paper = await getAccount(db, account.paperAccountId);
  return paper !== undefined && (await isAccountDriven(db, paper));
}

/**
 * Queues the account's trader for a worker and answers at once; the job claims the decision engine's paper account,
 * which is what keeps two traders from ever driving one account. Refused while one drives it.
 */
export async function launchLiveJob(store: JobStore, accountId: string): Promise<{ account: LiveAccountRow; job: JobRow }> {
  const account = await requireLiveAccount(store.db, accountId);
  if (await isLiveAccountDriven(store.db, account)) throw new PaperAccountError("PAPER_ALREADY_RUNNING", `live account ${account.name} already has a trader running`);
  const job = await startJob(store, LIVE_JOB_KIND, { accountId });
  if (!(await claimAccountForJob(store.db, account.paperAccountId, job.id))) {
    await requestJobCancel(store.db, job.id);
    throw new PaperAccountError("PAPER_ALREADY_RUNNING", `live account ${account.name} was started by someone else just now`);
  }
  return { account, job };
}
