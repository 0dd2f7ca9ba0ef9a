import type { Database } from "@/db/client";
import { requestJobCancel, type JobRow } from "@/db/queries/jobs";
import { getLiveAccountByPaperAccount } from "@/db/queries/live-accounts";
import { claimAccountForJob, getAccount, type PaperAccountRow } from "@/db/queries/paper";
import { startJob } from "../job-kinds";
import type { JobStore } from "../run-job";
import { isAccountDriven } from "./account-driver";
import { readAccountSettings, readStoredState } from "./account-settings";
import { PaperAccountError } from "./errors";
import { PAPER_JOB_KIND } from "./paper-job";

export async function requirePaperAccount(db: Database, accountId: string): Promise<PaperAccountRow> {
  const account = await getAccount(db, accountId);
  if (!account) throw new PaperAccountError("PAPER_ACCOUNT_NOT_FOUND", `no paper account ${accountId}`, { field: "account" });
  return account;
}

/** Refuses to resume a replay that already reached the end of its period. */
export function assertResumable(account: PaperAccountRow): void {
  readAccountSettings(account.settings);
  if (readStoredState(account.state)?.feed.finished) {
    throw new PaperAccountError("PAPER_INVALID_STATUS", `paper account ${account.name} already replayed its whole period; start a new account`, { field: "status" });
  }
}

/**
 * Refuses a second driver: the account's job is queued, or running with a live heartbeat (perhaps still stopping).
 * Refuses any paper job for the account a live account decides with: run without its trader, the engine would move
 * on past decisions no order was sent for.
 */
export async function assertNotDriven(db: Database, account: PaperAccountRow): Promise<void> {
  const live = await getLiveAccountByPaperAccount(db, account.id);
  if (live !== undefined) {
    throw new PaperAccountError("PAPER_INVALID_STATUS", `paper account ${account.name} decides for live account ${live.name}; start it with npm run live -- start --account ${live.id}`, { field: "account" });
  }
  if (!(await isAccountDriven(db, account))) return;
  const stopping = account.status === "stopped" || account.status === "halted";
  throw new PaperAccountError(
    "PAPER_ALREADY_RUNNING",
    stopping ? `paper account ${account.name} is still stopping (its job has not ended yet); resume it in a moment` : `paper account ${account.name} is already running`,
  );
}

/**
 * Starts (or resumes) the account as a `paper` job queued for a worker, and answers at once. The account is pointed
 * at the job before a worker takes it, so the page shows it running while it waits; the worker claims it again when
 * it starts, which is what keeps two jobs from ever driving one account.
 */
export async function launchPaperJob(store: JobStore, accountId: string): Promise<{ account: PaperAccountRow; job: JobRow }> {
  const account = await requirePaperAccount(store.db, accountId);
  assertResumable(account);
  await assertNotDriven(store.db, account);
  const job = await startJob(store, PAPER_JOB_KIND, { accountId });
  if (!(await claimAccountForJob(store.db, accountId, job.id))) {
    // Another launch won the account in the meantime: this job must not run.
    await requestJobCancel(store.db, job.id);
    throw new PaperAccountError("PAPER_ALREADY_RUNNING", `paper account ${account.name} was started by someone else just now`);
  }
  return { account: (await getAccount(store.db, accountId)) ?? account, job };
}
