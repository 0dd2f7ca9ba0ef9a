import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    source: text("source", { enum: ["discovery", "custom", "file", "learned"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("hypotheses_timeframe_idx").on(t.timeframe)],
);

/** One launch of backtests (a pipeline phase or a dashboard form): many runs share it. */
export const backtestBatches = pgTable(
  "backtest_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id").references(() => jobs.id, { onDelete: "set null" }),
    label: text("label").notNull(),
    /** Hypotheses, instruments, range and cost settings the batch ran with. */
    settings: jsonb("settings").notNull(),
    /** Aggregate figures once finished (runs, trades, timings). */
    summary: jsonb("summary"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("backtest_batches_created_idx").on(t.createdAt)],
);

export const backtestRuns = pgTable(
  "backtest_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => backtestBatches.id, { onDelete: "cascade" }),
    /** Null for a portfolio run over many hypotheses. */
    hypothesisId: text("hypothesis_id"),
    hypothesisName: text("hypothesis_name").notNull(),
    symbol: text("symbol").notNull(),
    timeframe: text("timeframe").notNull(),
    kind: text("kind", { enum: ["single", "portfolio"] }).notNull().default("single"),
    fromTime: epochMs("from_time").notNull(),
    toTime: epochMs("to_time").notNull(),
    metrics: jsonb("metrics").notNull(),
    /** Ambiguous bars, how many 1m data resolved, blocked entries by reason. */
    diagnostics: jsonb("diagnostics").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("backtest_runs_batch_idx").on(t.batchId), index("backtest_runs_hypothesis_idx").on(t.hypothesisId, t.symbol)],
);

export const backtestTrades = pgTable(
  "backtest_trades",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => backtestRuns.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    legId: text("leg_id").notNull(),
    side: text("side", { enum: ["long", "short"] }).notNull(),
    entryTime: epochMs("entry_time").notNull(),
    entryPrice: doublePrecision("entry_price").notNull(),
    exitTime: epochMs("exit_time").notNull(),
    exitPrice: doublePrecision("exit_price").notNull(),
    qty: doublePrecision("qty").notNull(),
    stop: doublePrecision("stop").notNull(),
    target: doublePrecision("target").notNull(),
    reason: text("reason", { enum: ["target", "stop", "time", "end_of_data"] }).notNull(),
    entryFee: doublePrecision("entry_fee").notNull(),
    exitFee: doublePrecision("exit_fee").notNull(),
    funding: doublePrecision("funding").notNull(),
    slippage: doublePrecision("slippage").notNull(),
    grossPnl: doublePrecision("gross_pnl").notNull(),
    netPnl: doublePrecision("net_pnl").notNull(),
    r: doublePrecision("r").notNull(),
    regime: text("regime").notNull(),
    barsHeld: integer("bars_held").notNull(),
    ambiguity: text("ambiguity", { enum: ["none", "minute_data", "assumed_stop"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] }), index("backtest_trades_entry_idx").on(t.runId, t.entryTime)],
);

/** Equity marked at bar closes, thinned to a chart's resolution (metrics use every bar). */
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

/**
 * A run's higher-timeframe variant (lib/signals/higher-timeframe-filter), backtested in the run's own task on the
 * same data, for the analysis's filter comparison. Only the variant's trades' net PnL is kept: the comparison reads
 * nothing else.
 */
export const backtestFilterVariants = pgTable("backtest_filter_variants", {
  runId: uuid("run_id")
    .primaryKey()
    .references(() => backtestRuns.id, { onDelete: "cascade" }),
  hypothesisId: text("hypothesis_id").notNull(),
  /** The entry conditions the variant adds to the run's hypothesis. */
  filter: text("filter").array().notNull(),
  netPnl: doublePrecision("net_pnl").array().notNull(),
});

/** Analysis output stored whole: the edge analysis of a batch, and the pipeline's final report. */
export const researchReports = pgTable(
  "research_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: ["edge_analysis", "final_report", "learning"] }).notNull(),
    batchId: uuid("batch_id").references(() => backtestBatches.id, { onDelete: "cascade" }),
    body: jsonb("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("research_reports_kind_idx").on(t.kind, t.createdAt)],
);
