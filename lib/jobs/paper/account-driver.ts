import type { Database } from "@/db/client";
import { getAccountJob, ORPHANED_ACCOUNT_REASON, type AccountJob, type PaperAccountRow, type PaperAccountStatus } from "@/db/queries/paper";

/**
 * Whether a job drives the account right now, from the database alone: its job is queued, or running with a heartbeat
 * younger than STALE_JOB_SECONDS. Whatever process runs it (a worker, the CLI); an account stopped a moment ago is
 * still driven until its job has ended.
 */
export async function isAccountDriven(db: Database, account: PaperAccountRow): Promise<boolean> {
  return (await getAccountJob(db, account.jobId))?.alive === true;
}

/** What an account is shown as: its stored status, unless the job that status relies on is gone. */
export interface PresentedStatus {
  readonly status: PaperAccountStatus;
  readonly error: string | null;
  /** A job (in any process) drives the account now. */
  readonly driven: boolean;
  /** Resume does something: flips a paused account back, or launches a new job from the saved state. */
  readonly resumable: boolean;
}

/**
 * An account stored as running or paused whose job failed, was cancelled, is missing, or stopped beating is shown
 * stopped, with the reason, and resumable from its last committed bar: the stored status only says what its job was
 * doing when it was last heard from.
 */
export function presentStatus(row: PaperAccountRow, job: AccountJob | undefined, finished: boolean): PresentedStatus {
  const driven = job?.alive === true;
  const orphaned = !driven && (row.status === "running" || row.status === "paused");
  const status = orphaned ? "stopped" : row.status;
  return {
    status,
    error: orphaned ? (row.error ?? ORPHANED_ACCOUNT_REASON) : row.error,
    driven,
    resumable: !finished && (driven ? status === "paused" : true),
  };
}
