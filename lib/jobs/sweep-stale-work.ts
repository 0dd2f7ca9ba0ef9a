import type { Database } from "@/db/client";
import { failStaleJobs, STALE_JOB_SECONDS } from "@/db/queries/jobs";
import { stopOrphanedAccounts } from "@/db/queries/paper";
import { cancelTasksOfEndedJobs, requeueStaleTasks, STALE_TASK_SECONDS } from "@/db/queries/research-tasks";
import { enqueueTasks } from "./job-queue";
import { restartOrphanedTraders } from "./live/restart-orphaned-traders";

export interface SweepReport {
  failedJobs: string[];
  stoppedAccounts: string[];
  /** Live accounts whose trader died and was queued again. */
  restartedTraders: string[];
  requeuedTasks: string[];
  failedTasks: string[];
  cancelledTasks: number;
}

/**
 * Finds work whose worker died (killed, machine gone) by its stale heartbeat: such jobs are failed, such tasks are
 * queued again for another worker (their results are stored by one attempt only), and tasks of jobs that ended are
 * cancelled. Queued work is never touched. Every worker runs this periodically; the updates are atomic per row, so
 * two sweeping at once do each thing once.
 */
export async function sweepStaleWork(db: Database, queueUrl: string, stale = { jobSeconds: STALE_JOB_SECONDS, taskSeconds: STALE_TASK_SECONDS }): Promise<SweepReport> {
  const failedJobs = await failStaleJobs(db, stale.jobSeconds);
  // Paper accounts whose job died: stored as stopped (resumable), as the monitor already presents them.
  const stoppedAccounts = await stopOrphanedAccounts(db);
  const restartedTraders = await restartOrphanedTraders({ db, url: queueUrl }, stoppedAccounts);
  const cancelledTasks = await cancelTasksOfEndedJobs(db);
  const { requeued, failed } = await requeueStaleTasks(db, stale.taskSeconds);
  await enqueueTasks(queueUrl, requeued.map((taskId) => ({ taskId })));
  return { failedJobs, stoppedAccounts, restartedTraders, requeuedTasks: requeued, failedTasks: failed, cancelledTasks };
}
