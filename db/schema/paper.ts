import { bigint, bigserial, doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

const epochMs = (name: string) => bigint(name, { mode: "number" });

export const paperAccounts = pgTable("paper_accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  startingEquity: doublePrecision("starting_equity").notNull(),
  cash: doublePrecision("cash").notNull(),
  status: text("status", { enum: ["stopped", "running", "paused", "halted"] }).notNull().default("stopped"),
  feed: text("feed", { enum: ["live", "replay"] }).notNull(),
  /** Legs (hypothesis × instrument), account settings and feed options the account was started with. */
  settings: jsonb("settings").notNull(),
  /** The paper engine's snapshot after the last processed tick, written in the same transaction as that tick's rows. */
  state: jsonb("state"),
  /** The last bar close processed: a restart resumes after it. */
  lastProcessedTime: epochMs("last_processed_time"),
  /** Why the account stopped, when it stopped on an error. */
  error: text("error"),
  /** The job currently driving the account, if any. */
  jobId: uuid("job_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const paperPositions = pgTable(
  "paper_positions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => paperAccounts.id, { onDelete: "cascade" }),
    legId: text("leg_id").notNull(),
    hypothesisId: text("hypothesis_id").notNull(),
    symbol: text("symbol").notNull(),
    timeframe: text("timeframe").notNull(),
    side: text("side", { enum: ["long", "short"] }).notNull(),
    qty: doublePrecision("qty").notNull(),
    entryTime: epochMs("entry_time").notNull(),
    entryPrice: doublePrecision("entry_price").notNull(),
    stop: doublePrecision("stop").notNull(),
    target: doublePrecision("target").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    exitTime: epochMs("exit_time"),
    exitPrice: doublePrecision("exit_price"),
    exitReason: text("exit_reason"),
    fees: doublePrecision("fees").notNull().default(0),
    funding: doublePrecision("funding").notNull().default(0),
    netPnl: doublePrecision("net_pnl"),
  },
  (t) => [index("paper_positions_account_idx").on(t.accountId, t.status)],
);

export const paperOrders = pgTable(
  "paper_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => paperAccounts.id, { onDelete: "cascade" }),
    positionId: uuid("position_id").references(() => paperPositions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["entry", "stop", "target", "time", "end"] }).notNull(),
    side: text("side", { enum: ["buy", "sell"] }).notNull(),
    type: text("type", { enum: ["market", "limit", "stop"] }).notNull(),
    qty: doublePrecision("qty").notNull(),
    price: doublePrecision("price"),
    status: text("status", { enum: ["open", "filled", "cancelled"] }).notNull(),
    createdTime: epochMs("created_time").notNull(),
  },
  (t) => [index("paper_orders_account_idx").on(t.accountId, t.status)],
);

export const paperFills = pgTable(
  "paper_fills",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => paperAccounts.id, { onDelete: "cascade" }),
    orderId: uuid("order_id").references(() => paperOrders.id, { onDelete: "cascade" }),
    legId: text("leg_id").notNull(),
    /** entry, or the exit reason: target, stop, time, end_of_data. */
    kind: text("kind").notNull(),
    side: text("side", { enum: ["buy", "sell"] }).notNull(),
    time: epochMs("time").notNull(),
    price: doublePrecision("price").notNull(),
    qty: doublePrecision("qty").notNull(),
    fee: doublePrecision("fee").notNull(),
  },
  (t) => [index("paper_fills_account_idx").on(t.accountId, t.time)],
);

export const paperEquity = pgTable(
  "paper_equity",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => paperAccounts.id, { onDelete: "cascade" }),
    time: epochMs("time").notNull(),
    equity: doublePrecision("equity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.time] })],
);

export const paperEvents = pgTable(
  "paper_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => paperAccounts.id, { onDelete: "cascade" }),
    time: epochMs("time").notNull(),
    kind: text("kind").notNull(),
    legId: text("leg_id"),
    detail: jsonb("detail"),
  },
  (t) => [index("paper_events_account_idx").on(t.accountId, t.id)],
);
