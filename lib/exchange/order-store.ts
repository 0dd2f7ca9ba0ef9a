import { registerOrder, type OrderRegistration } from "@/lib/trading/order-registry";
import type { NewOrder, TrackedOrder } from "@/lib/trading/order-state";

/**
 * Where the broker keeps every order it tracks, by client order id. A port: the tests and dry runs use
 * MemoryOrderStore; the database-backed store (db/queries) comes with the live accounts. `put` must be durable
 * before it resolves: the broker records an order as sent before the request leaves, and relies on that record.
 */
export interface OrderStore {
  get(clientOrderId: string): Promise<TrackedOrder | undefined>;
  put(order: TrackedOrder): Promise<void>;
}

/**
 * Registers `order` in the store before anything is sent (lib/trading's registerOrder): a new order is stored; the
 * same decision taken again gets the stored order back; an id stored for another order is refused, nothing stored.
 */
export async function registerInStore(store: OrderStore, order: NewOrder): Promise<OrderRegistration> {
  const existing = await store.get(order.clientOrderId);
  const registration = registerOrder(new Map(existing === undefined ? [] : [[existing.clientOrderId, existing]]), order);
  if (registration.kind === "registered") await store.put(registration.order);
  return registration;
}
