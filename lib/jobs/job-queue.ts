import PgBoss from "pg-boss";
import { errorMessage } from "@/lib/error-message";
import { redactSecrets } from "@/lib/security/redact-secrets";
import { assertNoSecrets } from "@/lib/security/secret-in-input";

/** Whole jobs (a pipeline, an import, a paper account), each worked by one worker process. */
export const JOB_QUEUE = "perp-edge-jobs";
/**
 * Paper accounts: a live account's job never ends on its own, so accounts get a queue (and worker slots) of their
 * own rather than holding the slots research jobs need.
 */
export const PAPER_QUEUE = "perp-edge-paper";
/** Pieces of a research job (some hypotheses × one instrument), worked by every worker at once. */
export const TASK_QUEUE = "perp-edge-tasks";
/** The research loop's schedule fires here (pg-boss schedules send to a queue of the schedule's name); a worker starts the loop's job. */
export const RESEARCH_LOOP_SCHEDULE_QUEUE = "perp-edge-research-loop";

export interface QueuedJob {
  jobId: string;
  kind: string;
  params: unknown;
}

export interface QueuedTask {
  taskId: string;
}

let started: Promise<PgBoss> | undefined;

/**
 * One pg-boss instance per process on the store's PostgreSQL (pg-boss keeps its tables in its own schema). The web
 * server only sends (it may save a schedule, which is a row), so it leaves pg-boss's maintenance and the clock that
 * fires schedules to the workers.
 */
export function jobQueue(url: string, role: "sender" | "worker" = "worker"): Promise<PgBoss> {
  started ??= (async () => {
    const boss = new PgBoss({ connectionString: url, max: 4, supervise: role === "worker", schedule: role === "worker" });
    boss.on("error", (error) => process.stderr.write(`job queue: ${error.message}\n`));
    await boss.start();
    await boss.createQueue(JOB_QUEUE);
    await boss.createQueue(TASK_QUEUE);
    await boss.createQueue(PAPER_QUEUE);
    await boss.createQueue(RESEARCH_LOOP_SCHEDULE_QUEUE);
    return boss;
  })();
  started.catch(() => {
    started = undefined;
  });
  return started;
}

/** Queues a job; its message (all its parameters, an import's file text too) is refused if it holds a secret. */
export async function enqueueJob(url: string, job: QueuedJob, queue: typeof JOB_QUEUE | typeof PAPER_QUEUE = JOB_QUEUE): Promise<void> {
  assertNoSecrets(job.params, "params");
  const boss = await jobQueue(url, "sender");
  // Jobs and tasks record their own outcome in their rows, and a dead worker's work is found by its stale heartbeat
  // (lib/jobs/sweep-stale-work.ts): pg-boss only delivers, and never runs a half-done job a second time on its own.
  await boss.send(queue, job, { retryLimit: 0, expireInHours: 23 });
}

export async function enqueueTasks(url: string, tasks: readonly QueuedTask[]): Promise<void> {
  if (tasks.length === 0) return;
  const boss = await jobQueue(url, "sender");
  await boss.insert(tasks.map((data) => ({ name: TASK_QUEUE, data, retryLimit: 0, expireInSeconds: 6 * 3600 })));
}

/**
 * Takes items from a queue with up to `concurrency` of them at once in this process (pg-boss 10 runs one item per
 * `work` subscription, so concurrency is that many subscriptions).
 */
export async function workQueue<T extends object>(url: string, queue: string, concurrency: number, handle: (item: T) => Promise<void>): Promise<void> {
  const boss = await jobQueue(url, "worker");
  for (let i = 0; i < concurrency; i++) {
    await boss.work<T>(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([item]) => {
      try {
        if (item) await handle(item.data);
      } catch (error) {
        // pg-boss stores what a handler throws (message and stack) in its table: only the redacted message goes there
        throw new Error(redactSecrets(errorMessage(error)));
      }
    });
  }
}

export async function stopJobQueue(): Promise<void> {
  const pending = started;
  started = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}
