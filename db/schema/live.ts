import { bigint, bigserial, boolean, doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { paperAccounts } from "./paper";

const time = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Every order a live account tracks, by its client order id (lib/trading's TrackedOrder). Written before the request
 * leaves and after each thing learnt about it, so a restarted process knows every order that may be on the exchange.
 */
export const liveOrders = pgTable(
  "live_orders",
  {
    clientOrderId: text("client_order_id").primaryKey(),
    accountId: text("account_id").notNull(),
    purpose: text("purpose").notNull(),
    symbol: text("symbol").notNull(),
    side: text("side").notNull(),
    qty: doublePrecision("qty").notNull(),
    reduceOnly: boolean("reduce_only").notNull(),
    status: text("status").notNull(),
    /** When the request was handed to the exchange client; null until then. */
    sentAt: time("sent_at"),
    exchangeOrderId: text("exchange_order_id"),
    /** The order's fills (OrderFill[]): they change with the order and are read with it. */
    fills: jsonb("fills").notNull().default([]),
    note: text("note"),
    createdAt: time("created_at").notNull().defaultNow(),
    /** The order's own updatedAt: when the last thing learnt about it happened. */
    updatedAt: time("updated_at").notNull(),
  },
  (t) => [
    index("live_orders_account_status_idx").on(t.accountId, t.status),
    // One exchange order belongs to one client id; two would mean a second order nobody tracks.
    uniqueIndex("live_orders_exchange_order_idx").on(t.accountId, t.exchangeOrderId),
  ],
);

/** A live account's event log: what the broker sent, why, and what came back (messages redacted). */
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: text("account_id").notNull(),
    time: time("time").notNull(),
    kind: text("kind").notNull(),
    /** The order it concerns; null for account-wide events. */
    clientOrderId: text("client_order_id"),
    message: text("message").notNull(),
    detail: jsonb("detail"),
  },
  (t) => [index("live_events_account_idx").on(t.accountId, t.id)],
);

/**
 * A live account: the paper account whose engine decides (and whose simulated ledger is the comparison beside the
 * real one), the exchange environment, whether a person armed it, and its mode. Keys are never stored: they come
 * from the environment of the process that trades.
 */
export const liveAccounts = pgTable("live_accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  paperAccountId: uuid("paper_account_id")
    .notNull()
    .unique()
    .references(() => paperAccounts.id, { onDelete: "restrict" }),
  /** `demo`: Kraken's demo-futures environment (ccxt sandbox). `production`: real funds, chosen at creation only. */
  environment: text("environment", { enum: ["demo", "production"] }).notNull(),
  /** Caps beyond the backtest's (lib/trading OrderLimits) and timers, frozen at creation. */
  limits: jsonb("limits").notNull(),
  /** Set by a person's arm action; nothing is sent while it is null. */
  armedAt: time("armed_at"),
  armedBy: text("armed_by"),
  mode: text("mode", { enum: ["active", "reducing", "halted"] }).notNull().default("active"),
  modeReason: text("mode_reason"),
  /** The last reconciliation's outcome (time, differences, blocked symbols), for the monitor. */
  lastReconciliation: jsonb("last_reconciliation"),
  lastReconciledAt: time("last_reconciled_at"),
  /** The exchange's balance and margin at the last reconciliation. */
  balance: jsonb("balance"),
  deadMansSwitchRefreshedAt: time("dms_refreshed_at"),
  deadMansSwitchCancelsAt: time("dms_cancels_at"),
  createdAt: time("created_at").notNull().defaultNow(),
});

/**
 * The intent log: every decision the trader acted on, before its orders were stored. Reconciliation reads the entries
 * back for each position's stop and order ids; one decision is one row, so a replayed tick adds nothing.
 */
export const liveIntents = pgTable(
  "live_intents",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => liveAccounts.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    legId: text("leg_id").notNull(),
    barCloseTime: bigint("bar_close_time", { mode: "number" }).notNull(),
    intent: jsonb("intent").notNull(),
    createdAt: time("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind, t.legId, t.barCloseTime] })],
);
