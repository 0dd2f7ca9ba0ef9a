import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { jobLogs, jobs, type JobStatus } from "../schema";

export type JobRow = typeof jobs.$inferSelect;
export type JobLogRow = typeof jobLogs.$inferSelect;

export async function createJob(db: Database, kind: string, params: unknown): Promise<JobRow> {
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

export async function markJobRunning(db: Database, id: string): Promise<void> {
  await db.update(jobs).set({ status: "running", startedAt: sql`now()`, heartbeatAt: sql`now()` }).where(eq(jobs.id, id));
}

export async function updateJobProgress(db: Database, id: string, done: number, total: number, step: string | null): Promise<void> {
  await db.update(jobs).set({ progressDone: done, progressTotal: total, step, heartbeatAt: sql`now()` }).where(eq(jobs.id, id));
}

export async function touchJobHeartbeat(db: Database, id: string): Promise<void> {
  await db.update(jobs).set({ heartbeatAt: sql`now()` }).where(eq(jobs.id, id));
}

export async function finishJob(db: Database, id: string, status: Exclude<JobStatus, "queued" | "running">, fields: { result?: unknown; error?: string }): Promise<void> {
  await db
    .update(jobs)
    .set({ status, result: fields.result ?? null, error: fields.error ?? null, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(eq(jobs.id, id));
}

export async function requestJobCancel(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ cancelRequested: 1 })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ["queued", "running"])))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function isJobCancelRequested(db: Database, id: string): Promise<boolean> {
  const [row] = await db.select({ c: jobs.cancelRequested }).from(jobs).where(eq(jobs.id, id));
  return (row?.c ?? 0) > 0;
}

export async function appendJobLog(db: Database, jobId: string, level: "info" | "warn" | "error", message: string): Promise<void> {
  await db.insert(jobLogs).values({ jobId, level, message });
}

export async function listJobLogs(db: Database, jobId: string, limit = 200): Promise<JobLogRow[]> {
  const rows = await db.select().from(jobLogs).where(eq(jobLogs.jobId, jobId)).orderBy(desc(jobLogs.id)).limit(limit);
  return rows.reverse();
}

/**
 * Jobs left "running" or "queued" by a process that died: marked failed so nothing shows as running forever.
 * With the embedded store, jobs live in the app's own process, so at start every such job is orphaned.
 */
export async function failOrphanedJobs(db: Database, olderThanSeconds = 0): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: "failed", error: "interrupted: the process running this job stopped before it finished", finishedAt: sql`now()` })
    .where(
      and(
        inArray(jobs.status, ["running", "queued"]),
        sql`coalesce(${jobs.heartbeatAt}, ${jobs.createdAt}) <= now() - make_interval(secs => ${olderThanSeconds})`,
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}
