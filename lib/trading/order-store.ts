import { registerOrder, type OrderRegistration } from "./order-registry";
import { newTrackedOrder, type NewOrder, type TrackedOrder } from "./order-state";

/** What an atomic insert found: `inserted` when this call stored the order, else the order already stored under its id. */
export interface InsertIfAbsentResult {
  readonly inserted: boolean;
  readonly stored: TrackedOrder;
}

/**
 * Where the broker keeps every order it tracks, by client order id. A port: the tests and dry runs use
 * MemoryOrderStore, live accounts the database (db/queries/live-orders.ts). `put` must be durable before it resolves:
 * the broker records an order as sent before the request leaves, and relies on that record.
 */
export interface OrderStore {
  get(clientOrderId: string): Promise<TrackedOrder | undefined>;
  put(order: TrackedOrder): Promise<void>;
  /**
   * Stores `order` only if nothing is stored under its id, in one step nobody can come between: two processes
   * registering the same id cannot both store it. A store shared by processes must offer it.
   */
  insertIfAbsent?(order: TrackedOrder): Promise<InsertIfAbsentResult>;
}

/**
 * Registers `order` in the store before anything is sent (lib/trading's registerOrder): a new order is stored; the
 * same decision taken again gets the stored order back; an id stored for another order is refused, nothing stored.
 */
export async function registerInStore(store: OrderStore, order: NewOrder): Promise<OrderRegistration> {
  if (store.insertIfAbsent) {
    const { inserted, stored } = await store.insertIfAbsent(newTrackedOrder(order));
    if (inserted) return { kind: "registered", order: stored };
    return registerOrder(new Map([[stored.clientOrderId, stored]]), order);
  }
  // Read, then write: only safe for a store no other process writes to.
  const existing = await store.get(order.clientOrderId);
  const registration = registerOrder(new Map(existing === undefined ? [] : [[existing.clientOrderId, existing]]), order);
  if (registration.kind === "registered") await store.put(registration.order);
  return registration;
}
