import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { redactJson, redactSecrets } from "@/lib/security/redact-secrets";
import { assertNoSecrets } from "@/lib/security/secret-in-input";
import type { Database } from "../client";
import { jobLogs, jobs, type JobStatus } from "../schema";

export type JobRow = typeof jobs.$inferSelect;
export type JobLogRow = typeof jobLogs.$inferSelect;

// Every text a job writes (log lines, step, error, result) passes redactSecrets here, whatever the job's code did.

/** Records a queued job. Parameters holding a secret's value are refused (SecretInInputError), never stored. */
export async function createJob(db: Database, kind: string, params: unknown): Promise<JobRow> {
  assertNoSecrets(params);
  const [row] = await db.insert(jobs).values({ kind, params: params ?? {} }).returning();
  if (!row) throw new Error("creating a job returned no row");
  return row;
}

export async function getJob(db: Database, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

export async function listJobs(db: Database, options: { limit?: number; kind?: string } = {}): Promise<JobRow[]> {
  const query = db.select().from(jobs);
  const filtered = options.kind ? query.where(eq(jobs.kind, options.kind)) : query;
  return filtered.orderBy(desc(jobs.createdAt)).limit(options.limit ?? 50);
}

/** The jobs with these ids (the batches' jobs on the Backtests page); unknown ids are left out. */
export async function listJobsByIds(db: Database, ids: readonly string[]): Promise<JobRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(jobs).where(inArray(jobs.id, [...ids]));
}

/** Claims a queued job for a worker; false when it is no longer queued (cancelled, or taken by another worker). */
export async function markJobRunning(db: Database, id: string, worker: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "running", startedAt: sql`now()`, heartbeatAt: sql`now()`, worker })
    .where(and(eq(jobs.id, id), eq(jobs.status, "queued")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function updateJobProgress(db: Database, id: string, done: number, total: number, step: string | null): Promise<void> {
  await db.update(jobs).set({ progressDone: done, progressTotal: total, step: step === null ? null : redactSecrets(step), heartbeatAt: sql`now()` }).where(eq(jobs.id, id));
}

export async function touchJobHeartbeat(db: Database, id: string): Promise<void> {
  await db.update(jobs).set({ heartbeatAt: sql`now()` }).where(eq(jobs.id, id));
}

/**
 * Records a job's outcome. Only a job still running is changed: one that a cancel or the sweep already ended keeps
 * that ending. Pass `tx` to finish it in the same transaction as the job's last write.
 */
export async function finishJob(db: Database, id: string, status: Exclude<JobStatus, "queued" | "running">, fields: { result?: unknown; error?: string }): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status, result: redactJson(fields.result ?? null), error: fields.error === undefined ? null : redactSecrets(fields.error), finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Ends a job that never started (it could not be queued), so nothing shows it waiting forever. */
export async function finishQueuedJob(db: Database, id: string, error: string): Promise<void> {
  await db.update(jobs).set({ status: "failed", error: redactSecrets(error), finishedAt: sql`now()` }).where(and(eq(jobs.id, id), eq(jobs.status, "queued")));
}

/**
 * The oldest job still queued long after it was queued, of kinds whose row holds all their parameters (an import's
 * file text travels only in its queue message). Its message may have been taken by a worker that died before
 * claiming it; a worker with a free slot runs it from its row instead (executeJob's claim keeps it to one run).
 */
export async function oldestWaitingJob(db: Database, olderThanSeconds: number, kinds: readonly string[]): Promise<JobRow | undefined> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "queued"), inArray(jobs.kind, [...kinds]), sql`${jobs.createdAt} < now() - make_interval(secs => ${olderThanSeconds})`))
    .orderBy(jobs.createdAt)
    .limit(1);
  return row;
}

/** How long a running job may go without a heartbeat before it is taken for dead (its worker beats every few seconds). */
export const STALE_JOB_SECONDS = 45;

const isStale = (seconds: number) => sql`coalesce(${jobs.heartbeatAt}, ${jobs.createdAt}) < now() - make_interval(secs => ${seconds})`;

/** A job that is queued, or running with a live heartbeat: one the sweep would not fail (SQL, by the database's clock). */
export const jobIsAlive = sql`(${jobs.status} = 'queued' or (${jobs.status} = 'running' and not ${isStale(STALE_JOB_SECONDS)}))`;

/**
 * Cancels a job whatever state its worker is in: a queued job, or a running one whose worker stopped beating, ends
 * at once; a running job with a live worker is asked to stop and ends at its next progress report. Returns the job's
 * status afterwards, or undefined when it had already ended.
 */
export async function requestJobCancel(db: Database, id: string, staleSeconds = STALE_JOB_SECONDS): Promise<JobStatus | undefined> {
  const endsNow = sql`(${jobs.status} = 'queued' or ${isStale(staleSeconds)})`;
  const [row] = await db
    .update(jobs)
    .set({
      cancelRequested: 1,
      status: sql`case when ${endsNow} then 'cancelled' else ${jobs.status} end`,
      error: sql`case when ${endsNow} then 'cancelled on request' else ${jobs.error} end`,
      finishedAt: sql`case when ${endsNow} then now() else ${jobs.finishedAt} end`,
    })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ["queued", "running"])))
    .returning({ status: jobs.status });
  return row?.status;
}

export async function isJobCancelRequested(db: Database, id: string): Promise<boolean> {
  const [row] = await db.select({ c: jobs.cancelRequested }).from(jobs).where(eq(jobs.id, id));
  return (row?.c ?? 0) > 0;
}

export async function appendJobLog(db: Database, jobId: string, level: "info" | "warn" | "error", message: string): Promise<void> {
  await db.insert(jobLogs).values({ jobId, level, message: redactSecrets(message) });
}

export async function listJobLogs(db: Database, jobId: string, limit = 200): Promise<JobLogRow[]> {
  const rows = await db.select().from(jobLogs).where(eq(jobLogs.jobId, jobId)).orderBy(desc(jobLogs.id)).limit(limit);
  return rows.reverse();
}

/**
 * Running jobs whose worker stopped beating (killed, machine gone) are marked failed. Queued jobs are never touched:
 * they wait, however long, for a worker to take them.
 */
export async function failStaleJobs(db: Database, staleSeconds = STALE_JOB_SECONDS): Promise<string[]> {
  const rows = await db
    .update(jobs)
    .set({ status: "failed", error: "interrupted: the worker running this job stopped before it finished", finishedAt: sql`now()` })
    .where(and(eq(jobs.status, "running"), isStale(staleSeconds)))
    .returning({ id: jobs.id });
  return rows.map((r) => r.id);
}

/** Jobs of a kind that are queued or running with a live heartbeat, oldest first (one research loop at a time). */
export async function aliveJobsOfKind(db: Database, kind: string): Promise<JobRow[]> {
  return db.select().from(jobs).where(and(eq(jobs.kind, kind), jobIsAlive)).orderBy(jobs.createdAt);
}
