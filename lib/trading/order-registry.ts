import { newTrackedOrder, type NewOrder, type TrackedOrder } from "./order-state";

/**
 * What registering an order before sending it gave: a new order to send, the order already stored under that id
 * (a decision taken again after a restart — send nothing new), or a refusal when the id is stored for another order.
 */
export type OrderRegistration =
  | { readonly kind: "registered"; readonly order: TrackedOrder }
  | { readonly kind: "already-registered"; readonly order: TrackedOrder }
  | { readonly kind: "conflict"; readonly existing: TrackedOrder; readonly message: string };

/**
 * Registers `order` among the account's stored orders by its client order id. Ids are deterministic, so the same
 * decision made twice asks for the same id: the second time gets the stored order back and no second order exists.
 */
export function registerOrder(orders: ReadonlyMap<string, TrackedOrder>, order: NewOrder): OrderRegistration {
  const existing = orders.get(order.clientOrderId);
  if (!existing) return { kind: "registered", order: newTrackedOrder(order) };
  const same = existing.symbol === order.symbol && existing.side === order.side && existing.qty === order.qty && existing.reduceOnly === order.reduceOnly && existing.purpose === order.purpose;
  if (same) return { kind: "already-registered", order: existing };
  return {
    kind: "conflict",
    existing,
    message: `client order id ${order.clientOrderId} is stored for a ${existing.side} of ${existing.qty} ${existing.symbol} (${existing.purpose}), not a ${order.side} of ${order.qty} ${order.symbol} (${order.purpose}); nothing was sent`,
  };
}
