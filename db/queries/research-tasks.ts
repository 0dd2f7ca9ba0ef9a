import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { redactSecrets } from "@/lib/security/redact-secrets";
import type { Database } from "../client";
import { researchTasks, type TaskStatus } from "../schema";
import { resultRows } from "./result-rows";

export type TaskRow = typeof researchTasks.$inferSelect;

/** How long a running task may go without a heartbeat (its worker beats every 2 s) before it is queued again. */
export const STALE_TASK_SECONDS = 15;
/** Claims of one task at most: a task whose workers keep dying is failed rather than passed around for ever. */
export const MAX_TASK_ATTEMPTS = 3;

/** Creates a batch's tasks; re-creating existing keys leaves them as they are. Returns every task of those keys. */
export async function createTasks(db: Database, batchId: string, tasks: readonly { key: string; params: unknown; runsTotal: number }[]): Promise<TaskRow[]> {
  if (tasks.length === 0) return [];
  await db
    .insert(researchTasks)
    .values(tasks.map((t) => ({ batchId, key: t.key, params: t.params, runsTotal: t.runsTotal })))
    .onConflictDoNothing();
  return db.select().from(researchTasks).where(and(eq(researchTasks.batchId, batchId), inArray(researchTasks.key, tasks.map((t) => t.key)))).orderBy(asc(researchTasks.createdAt), asc(researchTasks.key));
}

export async function getTask(db: Database, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(researchTasks).where(eq(researchTasks.id, id));
  return row;
}

export async function listBatchTasks(db: Database, batchId: string): Promise<TaskRow[]> {
  return db.select().from(researchTasks).where(eq(researchTasks.batchId, batchId)).orderBy(asc(researchTasks.key));
}

export type TaskState = Pick<TaskRow, "key" | "status" | "runsDone" | "error">;

/** Where a batch's tasks stand, without their results: what a coordinator polls several times a second. */
export async function listBatchTaskStates(db: Database, batchId: string): Promise<TaskState[]> {
  return db
    .select({ key: researchTasks.key, status: researchTasks.status, runsDone: researchTasks.runsDone, error: researchTasks.error })
    .from(researchTasks)
    .where(eq(researchTasks.batchId, batchId))
    .orderBy(asc(researchTasks.key));
}

/** The stored results of a batch's tasks, in key order: read once, when every task is done. */
export async function listBatchTaskResults(db: Database, batchId: string): Promise<unknown[]> {
  const rows = await db.select({ result: researchTasks.result }).from(researchTasks).where(eq(researchTasks.batchId, batchId)).orderBy(asc(researchTasks.key));
  return rows.map((r) => r.result);
}

/** Takes a queued task for this worker; returns the claimed row with its attempt number, or undefined if it is not queued. */
export async function claimTask(db: Database, id: string, worker: string): Promise<TaskRow | undefined> {
  const [row] = await db
    .update(researchTasks)
    .set({ status: "running", attempt: sql`${researchTasks.attempt} + 1`, worker, startedAt: sql`now()`, heartbeatAt: sql`now()`, runsDone: 0, error: null })
    .where(and(eq(researchTasks.id, id), eq(researchTasks.status, "queued")))
    .returning();
  return row;
}

/**
 * Takes the oldest queued task of any batch, for a worker with a free slot. The queue's messages wake workers
 * promptly, but a message taken by a worker that died before claiming its task is gone: polling the table as well
 * means such a task is still worked (and never failed for having waited).
 */
export async function claimNextTask(db: Database, worker: string): Promise<TaskRow | undefined> {
  const next = db.select({ id: researchTasks.id }).from(researchTasks).where(eq(researchTasks.status, "queued")).orderBy(asc(researchTasks.createdAt)).limit(1).for("update", { skipLocked: true });
  const [row] = await db
    .update(researchTasks)
    .set({ status: "running", attempt: sql`${researchTasks.attempt} + 1`, worker, startedAt: sql`now()`, heartbeatAt: sql`now()`, runsDone: 0, error: null })
    .where(inArray(researchTasks.id, next))
    .returning();
  return row;
}

/** Heartbeat and progress of one attempt; false once that attempt no longer owns the task (cancelled, or re-queued). */
export async function touchTask(db: Database, id: string, attempt: number, runsDone: number): Promise<boolean> {
  const rows = await db
    .update(researchTasks)
    .set({ heartbeatAt: sql`now()`, runsDone })
    .where(and(eq(researchTasks.id, id), eq(researchTasks.attempt, attempt), eq(researchTasks.status, "running")))
    .returning({ id: researchTasks.id });
  return rows.length > 0;
}

/**
 * Stores one attempt's outcome, given the transaction that wrote its results: the row is locked and changed only if
 * this attempt still owns it, so a task is completed exactly once whatever number of workers ran it.
 */
export async function completeTask(tx: Database, id: string, attempt: number, result: unknown, runsDone: number): Promise<boolean> {
  const rows = await tx
    .update(researchTasks)
    .set({ status: "done", result, runsDone, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(and(eq(researchTasks.id, id), eq(researchTasks.attempt, attempt), eq(researchTasks.status, "running")))
    .returning({ id: researchTasks.id });
  return rows.length > 0;
}

export async function failTask(db: Database, id: string, attempt: number, error: string): Promise<void> {
  await db
    .update(researchTasks)
    .set({ status: "failed", error: redactSecrets(error), finishedAt: sql`now()` })
    .where(and(eq(researchTasks.id, id), eq(researchTasks.attempt, attempt), eq(researchTasks.status, "running")));
}

/** Ends every unfinished task of a batch (its job was cancelled or failed), so no worker starts them. */
export async function cancelBatchTasks(db: Database, batchId: string): Promise<void> {
  await db
    .update(researchTasks)
    .set({ status: "cancelled", finishedAt: sql`now()` })
    .where(and(eq(researchTasks.batchId, batchId), inArray(researchTasks.status, ["queued", "running"] satisfies TaskStatus[])));
}

/**
 * Running tasks whose worker stopped beating: queued again (to be sent to the queue by the caller), or failed after
 * MAX_TASK_ATTEMPTS. Queued tasks are never touched.
 */
export async function requeueStaleTasks(db: Database, staleSeconds = STALE_TASK_SECONDS): Promise<{ requeued: string[]; failed: string[] }> {
  const stale = and(eq(researchTasks.status, "running"), sql`${researchTasks.heartbeatAt} < now() - make_interval(secs => ${staleSeconds})`);
  const failed = await db
    .update(researchTasks)
    .set({ status: "failed", error: sql`'its worker stopped ' || ${researchTasks.attempt} || ' times before finishing it'`, finishedAt: sql`now()` })
    .where(and(stale, sql`${researchTasks.attempt} >= ${MAX_TASK_ATTEMPTS}`))
    .returning({ id: researchTasks.id });
  const requeued = await db
    .update(researchTasks)
    .set({ status: "queued", worker: null })
    .where(stale)
    .returning({ id: researchTasks.id });
  return { requeued: requeued.map((r) => r.id), failed: failed.map((r) => r.id) };
}

/** Unfinished tasks of batches whose job has ended (failed, cancelled, or failed by the sweep): cancelled, so no worker runs them. */
export async function cancelTasksOfEndedJobs(db: Database): Promise<number> {
  const rows = await db.execute(sql`
    update research_tasks t set status = 'cancelled', finished_at = now()
    from backtest_batches b join jobs j on j.id = b.job_id
    where t.batch_id = b.id and t.status in ('queued', 'running') and j.status not in ('queued', 'running')
    returning t.id`);
  return resultRows(rows).length;
}
