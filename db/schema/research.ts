import { bigint, bigserial, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { jobs } from "./jobs";

const epochMs = (name: string) => bigint(name, { mode: "number" });

export const hypotheses = pgTable(
  "hypotheses",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    timeframe: text("timeframe").notNull(),
    direction: text("direction", { enum: ["long", "short"] }).notNull(),
    signalType: text("signal_type").notNull(),
    /** The whole validated hypothesis document (rules, holds, expectations). */
    definition: jsonb("definition").notNull(),
    source: text("source", { enum: ["discovery", "custom", "file"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("hypotheses_timeframe_idx").on(t.timeframe)],
);

export const backtestRuns = pgTable(
  "backtest_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "set null" }),
    /** Null for a portfolio run over many hypotheses. */
    hypothesisId: text("hypothesis_id"),
    symbol: text("symbol"),
    timeframe: text("timeframe"),
    kind: text("kind", { enum: ["single", "portfolio"] }).notNull().default("single"),
    settings: jsonb("settings").notNull(),
    fromTime: epochMs("from_time").notNull(),
    toTime: epochMs("to_time").notNull(),
    metrics: jsonb("metrics").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("backtest_runs_job_idx").on(t.jobId), index("backtest_runs_hypothesis_idx").on(t.hypothesisId, t.symbol)],
);

export const backtestTrades = pgTable(
  "backtest_trades",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => backtestRuns.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    hypothesisId: text("hypothesis_id").notNull(),
    symbol: text("symbol").notNull(),
    side: text("side", { enum: ["long", "short"] }).notNull(),
    entryTime: epochMs("entry_time").notNull(),
    entryPrice: doublePrecision("entry_price").notNull(),
    exitTime: epochMs("exit_time").notNull(),
    exitPrice: doublePrecision("exit_price").notNull(),
    qty: doublePrecision("qty").notNull(),
    stop: doublePrecision("stop").notNull(),
    target: doublePrecision("target").notNull(),
    reason: text("reason", { enum: ["target", "stop", "time", "end_of_data"] }).notNull(),
    fees: doublePrecision("fees").notNull(),
    funding: doublePrecision("funding").notNull(),
    slippage: doublePrecision("slippage").notNull(),
    netPnl: doublePrecision("net_pnl").notNull(),
    r: doublePrecision("r").notNull(),
    regime: text("regime").notNull(),
  },
  (t) => [index("backtest_trades_run_idx").on(t.runId, t.seq)],
);

export const backtestEquity = pgTable(
  "backtest_equity",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => backtestRuns.id, { onDelete: "cascade" }),
    time: epochMs("time").notNull(),
    equity: doublePrecision("equity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.time] })],
);
