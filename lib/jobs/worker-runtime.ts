import { availableParallelism } from "node:os";
import { errorMessage } from "@/lib/error-message";
import { oldestWaitingJob } from "@/db/queries/jobs";
import { readResearchLoopSettings } from "@/db/queries/research-loop-settings";
import { claimNextTask } from "@/db/queries/research-tasks";
import { runClaimedTask, workBacktestTask } from "./backtest-tasks/work-backtest-task";
import { kindsRunnableFromRow, runQueuedJob } from "./job-kinds";
import { JOB_QUEUE, PAPER_QUEUE, RESEARCH_LOOP_SCHEDULE_QUEUE, TASK_QUEUE, workQueue, type QueuedJob, type QueuedTask } from "./job-queue";
import { startScheduledLoop, syncResearchLoopSchedule } from "./research-loop/loop-schedule";
import { WORKER_ID, type JobStore } from "./run-job";
import { sweepStaleWork } from "./sweep-stale-work";

/** A job queued this long while a worker had a free slot lost its queue message. */
const STRANDED_JOB_SECONDS = 30;

/** Counts work in progress against a number of slots. */
class Slots {
  active = 0;
  async run(work: () => Promise<void>): Promise<void> {
    this.active++;
    try {
      await work();
    } finally {
      this.active--;
    }
  }
}

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
 * Makes this process a worker: it takes jobs and research tasks from the queue, and now and then sweeps stale work
 * and takes queued tasks whose queue message was lost with a dead worker.
 * Returns a function that stops the sweep (stopping the queue itself is `stopJobQueue`).
 */
export async function startWorker(store: JobStore, options: WorkerOptions = {}): Promise<() => void> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const tasks = options.tasks ?? 2 * availableParallelism();
  const jobs = options.jobs ?? 4;
  const runnableFromRow = kindsRunnableFromRow();
  // Work from a queue message and work taken from the tables count against the same slots.
  const jobSlots = new Slots();
  const taskSlots = new Slots();
  if (jobs > 0) {
    await workQueue<QueuedJob>(store.url, JOB_QUEUE, jobs, (job) => jobSlots.run(() => runQueuedJob(store, job)));
    // The research loop's schedule fires on a worker's clock; its message starts the loop's job (or is skipped).
    await workQueue<object>(store.url, RESEARCH_LOOP_SCHEDULE_QUEUE, 1, async (data) => void (await startScheduledLoop(store, data, log)));
    await syncResearchLoopSchedule(store.url, await readResearchLoopSettings(store.db));
  }
  if ((options.paper ?? 16) > 0) await workQueue<QueuedJob>(store.url, PAPER_QUEUE, options.paper ?? 16, (job) => runQueuedJob(store, job));
  if (tasks > 0) await workQueue<QueuedTask>(store.url, TASK_QUEUE, tasks, (task) => taskSlots.run(() => workBacktestTask(store.db, task.taskId)));
  // A message taken by a worker that died before claiming its work is gone with it: such work is taken from the tables.
  const takeStrandedWork = async () => {
    while (taskSlots.active < tasks) {
      const task = await claimNextTask(store.db, WORKER_ID);
      if (!task) break;
      void taskSlots.run(() => runClaimedTask(store.db, task));
    }
    if (jobSlots.active < jobs) {
      const job = await oldestWaitingJob(store.db, STRANDED_JOB_SECONDS, runnableFromRow);
      if (job) void jobSlots.run(() => runQueuedJob(store, { jobId: job.id, kind: job.kind, params: job.params }));
    }
  };
  const sweep = async () => {
    try {
      await takeStrandedWork();
      const report = await sweepStaleWork(store.db, store.url);
      if (report.failedJobs.length > 0) log(`sweep: ${report.failedJobs.length} job(s) whose worker stopped marked failed`);
      if (report.restartedTraders.length > 0) log(`sweep: ${report.restartedTraders.length} live trader(s) whose worker stopped queued again`);
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
