import { bigserial, boolean, doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

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
