import { availableParallelism } from "node:os";
import { errorMessage } from "@/lib/error-message";
import { workBacktestTask } from "./backtest-tasks/work-backtest-task";
import { runQueuedJob } from "./job-kinds";
import { JOB_QUEUE, PAPER_QUEUE, TASK_QUEUE, workQueue, type QueuedJob, type QueuedTask } from "./job-queue";
import type { JobStore } from "./run-job";
import { sweepStaleWork } from "./sweep-stale-work";

export interface WorkerOptions {
  /** Whole jobs at once: most of a job's time is waiting on its tasks or on the exchange, so several fit. */
  jobs?: number;
  /** Paper accounts at once: each mostly waits for the next bar. */
  paper?: number;
  /**
   * Tasks at once: twice the cores, so that while some load their series or store their runs, the others keep every
   * worker thread (one per core) computing.
   */
  tasks?: number;
  sweepEveryMs?: number;
  log?: (line: string) => void;
}

/**
 * Makes this process a worker: it takes jobs and research tasks from the queue and sweeps stale work now and then.
 * Returns a function that stops the sweep (stopping the queue itself is `stopJobQueue`).
 */
export async function startWorker(store: JobStore, options: WorkerOptions = {}): Promise<() => void> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const tasks = options.tasks ?? 2 * availableParallelism();
  if ((options.jobs ?? 4) > 0) await workQueue<QueuedJob>(store.url, JOB_QUEUE, options.jobs ?? 4, (job) => runQueuedJob(store, job));
  if ((options.paper ?? 16) > 0) await workQueue<QueuedJob>(store.url, PAPER_QUEUE, options.paper ?? 16, (job) => runQueuedJob(store, job));
  if (tasks > 0) await workQueue<QueuedTask>(store.url, TASK_QUEUE, tasks, (task) => workBacktestTask(store.db, task.taskId));
  const sweep = async () => {
    try {
      const report = await sweepStaleWork(store.db, store.url);
      if (report.failedJobs.length > 0) log(`sweep: ${report.failedJobs.length} job(s) whose worker stopped marked failed`);
      if (report.requeuedTasks.length > 0) log(`sweep: ${report.requeuedTasks.length} task(s) whose worker stopped queued again`);
      if (report.failedTasks.length > 0) log(`sweep: ${report.failedTasks.length} task(s) failed after repeated worker deaths`);
    } catch (error) {
      log(`sweep failed: ${errorMessage(error)}`);
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), options.sweepEveryMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
