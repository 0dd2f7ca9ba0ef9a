import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { OrderStatus, TrackedOrder } from "@/lib/trading/order-state";
import type { InsertIfAbsentResult, OrderStore } from "@/lib/trading/order-store";
import type { Database } from "../client";
import { liveOrders } from "../schema";
import { rowToTrackedOrder, trackedOrderToRow } from "./live-order-row";

/** A client order id stored for another account: refused, so one account's store never reads or overwrites another's. */
export class LiveOrderAccountError extends Error {
  readonly code = "ORDER_OF_ANOTHER_ACCOUNT";
  constructor(
    readonly clientOrderId: string,
    readonly accountId: string,
  ) {
    super(`client order id ${clientOrderId} is stored for another account, not ${accountId}; nothing was written`);
    this.name = "LiveOrderAccountError";
  }
}

export async function getLiveOrder(db: Database, accountId: string, clientOrderId: string): Promise<TrackedOrder | undefined> {
  const [row] = await db.select().from(liveOrders).where(and(eq(liveOrders.clientOrderId, clientOrderId), eq(liveOrders.accountId, accountId)));
  return row === undefined ? undefined : rowToTrackedOrder(row);
}

/** What a put rewrites: every column but the id, the owning account and when the row was first written. */
const PUT_COLUMNS = ["purpose", "symbol", "side", "qty", "reduceOnly", "status", "sentAt", "exchangeOrderId", "fills", "note", "updatedAt"] as const;
const FROM_PUT = Object.fromEntries(PUT_COLUMNS.map((key) => [key, sql.raw(`excluded.${liveOrders[key].name}`)]));

/** Stores the whole order, new or not; committed when the promise resolves (the broker sends only after that). */
export async function putLiveOrder(db: Database, accountId: string, order: TrackedOrder): Promise<void> {
  const written = await db
    .insert(liveOrders)
    .values(trackedOrderToRow(accountId, order))
    .onConflictDoUpdate({ target: liveOrders.clientOrderId, set: FROM_PUT, setWhere: eq(liveOrders.accountId, accountId) })
    .returning({ clientOrderId: liveOrders.clientOrderId });
  if (written.length === 0) throw new LiveOrderAccountError(order.clientOrderId, accountId);
}

/**
 * Stores `order` unless its id is taken, in one statement: of two processes registering the same id, exactly one
 * inserts and the other gets the stored order back (which lib/trading's registerOrder then judges).
 */
export async function insertLiveOrderIfAbsent(db: Database, accountId: string, order: TrackedOrder): Promise<InsertIfAbsentResult> {
  const [inserted] = await db.insert(liveOrders).values(trackedOrderToRow(accountId, order)).onConflictDoNothing({ target: liveOrders.clientOrderId }).returning();
  if (inserted) return { inserted: true, stored: rowToTrackedOrder(inserted) };
  const [stored] = await db.select().from(liveOrders).where(eq(liveOrders.clientOrderId, order.clientOrderId));
  // Rows are never deleted, so the row the insert ran into is still there.
  if (!stored) throw new Error(`client order id ${order.clientOrderId} was taken and then not found`);
  if (stored.accountId !== accountId) throw new LiveOrderAccountError(order.clientOrderId, accountId);
  return { inserted: false, stored: rowToTrackedOrder(stored) };
}

/** The account's orders, oldest first; only those in `status` when given (reconciliation asks for the unfinished). */
export async function listLiveOrders(db: Database, accountId: string, options: { status?: readonly OrderStatus[] } = {}): Promise<TrackedOrder[]> {
  const byAccount = eq(liveOrders.accountId, accountId);
  const where = options.status === undefined ? byAccount : and(byAccount, inArray(liveOrders.status, [...options.status]));
  const rows = await db.select().from(liveOrders).where(where).orderBy(asc(liveOrders.createdAt), asc(liveOrders.clientOrderId));
  return rows.map(rowToTrackedOrder);
}

/** The OrderStore of one live account, on the database: what it stores outlives the process. */
export function databaseOrderStore(db: Database, accountId: string): OrderStore {
  return {
    get: (clientOrderId) => getLiveOrder(db, accountId, clientOrderId),
    put: (order) => putLiveOrder(db, accountId, order),
    insertIfAbsent: (order) => insertLiveOrderIfAbsent(db, accountId, order),
  };
}
