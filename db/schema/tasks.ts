import { index, integer, json, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { backtestBatches } from "./research";

export const TASK_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * One piece of a backtest batch (some hypotheses × one instrument) that any worker on any machine may take. The
 * batch collects them; a task whose worker died is queued again, and only one attempt's results are ever stored.
 */
export const researchTasks = pgTable(
  "research_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => backtestBatches.id, { onDelete: "cascade" }),
    /** Stable within the batch (`BTCUSDT.P 2m`): the same work always has the same key. */
    key: text("key").notNull(),
    /** What to run: instrument, range, hypotheses and settings. */
    params: jsonb("params").notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("queued"),
    /** Raised at every claim; a result is stored only by the attempt that holds the current number. */
    attempt: integer("attempt").notNull().default(0),
    worker: text("worker"),
    runsTotal: integer("runs_total").notNull().default(0),
    runsDone: integer("runs_done").notNull().default(0),
    /** The run summaries with their stored ids, as written (json keeps their key order for the results file). */
    result: json("result"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [unique("research_tasks_batch_key").on(t.batchId, t.key), index("research_tasks_status_idx").on(t.status)],
);
