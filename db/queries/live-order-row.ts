import { getTableColumns } from "drizzle-orm";
import { z } from "zod";
import { orderPurposeSchema } from "@/lib/trading/client-order-id";
import type { OrderStatus, TrackedOrder } from "@/lib/trading/order-state";
import { liveOrders } from "../schema";

export type LiveOrderRow = typeof liveOrders.$inferSelect;
export type NewLiveOrderRow = typeof liveOrders.$inferInsert;

const ORDER_STATUSES = ["pending-submit", "open", "partially-filled", "filled", "cancelled", "rejected", "unknown"] as const satisfies readonly OrderStatus[];

const orderFillSchema = z.strictObject({
  fillId: z.string().min(1),
  qty: z.number(),
  price: z.number(),
  fillType: z.enum(["maker", "taker"]),
  time: z.number(),
});

/** The columns as TrackedOrder needs them: the database holds text and JSON, and what it holds is checked, not trusted. */
const liveOrderRowSchema = z.object({
  clientOrderId: z.string().min(1),
  purpose: orderPurposeSchema,
  symbol: z.string().min(1),
  side: z.enum(["buy", "sell"]),
  qty: z.number(),
  reduceOnly: z.boolean(),
  status: z.enum(ORDER_STATUSES),
  sentAt: z.date().nullable(),
  exchangeOrderId: z.string().nullable(),
  fills: z.array(orderFillSchema),
  note: z.string().nullable(),
  updatedAt: z.date(),
});

/** A stored order that does not read as one: never skipped, since a skipped order may still be on the exchange. */
export class LiveOrderRowError extends Error {
  readonly code = "UNREADABLE_LIVE_ORDER";
  constructor(
    readonly clientOrderId: string,
    readonly column: string,
    detail: string,
  ) {
    super(`live_orders row ${clientOrderId}: column ${column} does not hold what an order needs (${detail}); a person must repair the row`);
    this.name = "LiveOrderRowError";
  }
}

const COLUMNS = getTableColumns(liveOrders);

function columnName(key: PropertyKey | undefined): string {
  return typeof key === "string" && key in COLUMNS ? COLUMNS[key as keyof typeof COLUMNS].name : String(key);
}

export function rowToTrackedOrder(row: LiveOrderRow): TrackedOrder {
  const parsed = liveOrderRowSchema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.slice(1).join(".");
    throw new LiveOrderRowError(row.clientOrderId, columnName(issue?.path[0]), `${where ? `at ${where}: ` : ""}${issue?.message ?? "unreadable"}`);
  }
  const o = parsed.data;
  return { ...o, sentAt: o.sentAt?.getTime() ?? null, updatedAt: o.updatedAt.getTime() };
}

export function trackedOrderToRow(accountId: string, order: TrackedOrder): NewLiveOrderRow {
  return {
    clientOrderId: order.clientOrderId,
    accountId,
    purpose: order.purpose,
    symbol: order.symbol,
    side: order.side,
    qty: order.qty,
    reduceOnly: order.reduceOnly,
    status: order.status,
    sentAt: order.sentAt === null ? null : new Date(order.sentAt),
    exchangeOrderId: order.exchangeOrderId,
    fills: order.fills,
    note: order.note,
    updatedAt: new Date(order.updatedAt),
  };
}
