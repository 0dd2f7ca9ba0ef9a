import PgBoss from "pg-boss";

/** The pg-boss queue that carries job ids to worker processes when the store is a PostgreSQL server. */
export const JOB_QUEUE = "perp-edge-jobs";

export interface QueuedJob {
  jobId: string;
  kind: string;
  params: unknown;
}

let started: Promise<PgBoss> | undefined;

/** One pg-boss instance per process, sharing the app's PostgreSQL server (pg-boss keeps its tables in its own schema). */
export function jobQueue(url: string): Promise<PgBoss> {
  started ??= (async () => {
    const boss = new PgBoss({ connectionString: url, max: 4 });
    boss.on("error", (error) => process.stderr.write(`job queue: ${error.message}\n`));
    await boss.start();
    await boss.createQueue(JOB_QUEUE);
    return boss;
  })();
  started.catch(() => {
    started = undefined;
  });
  return started;
}

export async function enqueueJob(url: string, job: QueuedJob): Promise<void> {
  const boss = await jobQueue(url);
  // Jobs report their own failures in the jobs table; pg-boss must not run a half-done job a second time.
  await boss.send(JOB_QUEUE, job, { retryLimit: 0, expireInHours: 12 });
}

/** Takes queued jobs one at a time per process (each job already uses both cores for backtests). */
export async function workJobs(url: string, handle: (job: QueuedJob) => Promise<void>): Promise<string> {
  const boss = await jobQueue(url);
  return boss.work<QueuedJob>(JOB_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (job) await handle(job.data);
  });
}

export async function stopJobQueue(): Promise<void> {
  const pending = started;
  started = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true });
}
