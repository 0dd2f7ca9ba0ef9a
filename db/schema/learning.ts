import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { backtestBatches } from "./research";

const epochMs = (name: string) => bigint(name, { mode: "number" });

export const LEARNED_MODEL_KINDS = ["meta_label", "stacked", "tuned"] as const;

/**
 * One trained model of a learned variant on one instrument. A variant is trained walk-forward, so it has many
 * versions: version k predicts only signal bars closing at or after `validFrom`, and was trained on labels that all
 * ended before it (minus the embargo). Paper and live use the newest version valid at each bar, as the backtest did.
 */
export const learnedModels = pgTable(
  "learned_models",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The learned variant's hypothesis id (a row in `hypotheses` with source `learned`). */
    variantId: text("variant_id").notNull(),
    symbol: text("symbol").notNull(),
    kind: text("kind", { enum: LEARNED_MODEL_KINDS }).notNull(),
    version: integer("version").notNull(),
    /** First bar close this version may predict. */
    validFrom: epochMs("valid_from").notNull(),
    /** Span of the training labels: first entry, last exit. */
    trainFrom: epochMs("train_from").notNull(),
    trainTo: epochMs("train_to").notNull(),
    features: text("features").array().notNull(),
    /** Threshold and training options. */
    params: jsonb("params").notNull(),
    /** The serialised model (ml-random-forest's toJSON). */
    model: jsonb("model").notNull(),
    /** Training metrics: labels, out-of-bag accuracy, feature importances, calibration. */
    metrics: jsonb("metrics").notNull(),
    batchId: uuid("batch_id").references(() => backtestBatches.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("learned_models_version").on(t.variantId, t.symbol, t.version), index("learned_models_valid_idx").on(t.variantId, t.symbol, t.validFrom)],
);

export const LIFECYCLE_STATES = ["candidate", "passed", "paper", "live", "retired"] as const;

/** Where a hypothesis stands on one instrument: the newest move of its audit trail. */
export const hypothesisLifecycle = pgTable(
  "hypothesis_lifecycle",
  {
    hypothesisId: text("hypothesis_id").notNull(),
    symbol: text("symbol").notNull(),
    state: text("state", { enum: LIFECYCLE_STATES }).notNull(),
    /** The paper account trading it, while in `paper`. */
    paperAccountId: uuid("paper_account_id"),
    since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hypothesisId, t.symbol] }), index("hypothesis_lifecycle_state_idx").on(t.state)],
);

/** Every move of a hypothesis's lifecycle, with the reason and the numbers behind it. Only appended. */
export const lifecycleEvents = pgTable(
  "lifecycle_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    hypothesisId: text("hypothesis_id").notNull(),
    symbol: text("symbol").notNull(),
    fromState: text("from_state", { enum: LIFECYCLE_STATES }),
    toState: text("to_state", { enum: LIFECYCLE_STATES }).notNull(),
    reason: text("reason").notNull(),
    evidence: jsonb("evidence").notNull(),
    /** `research-loop`, or who moved it by hand. */
    actor: text("actor").notNull(),
    /** The research-loop job that made the move, if one did. */
    jobId: uuid("job_id"),
    /** What became of the webhook notification. */
    notification: jsonb("notification"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lifecycle_events_hypothesis_idx").on(t.hypothesisId, t.symbol, t.id)],
);

/** The autonomous research loop's schedule and switches: one row, off until a person turns it on. */
export const researchLoopSettings = pgTable("research_loop_settings", {
  id: integer("id").primaryKey().default(1),
  enabled: boolean("enabled").notNull().default(false),
  /** A cron expression in UTC (pg-boss schedules). */
  cron: text("cron").notNull().default("0 */6 * * *"),
  /** Days of history the loop re-runs on, ending at the newest stored candle. */
  windowDays: integer("window_days").notNull().default(90),
  fetch: boolean("fetch").notNull().default(true),
  retrain: boolean("retrain").notNull().default(true),
  autoPromote: boolean("auto_promote").notNull().default(true),
  autoDemote: boolean("auto_demote").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by"),
});
