import type { ExchangeOrder } from "@/lib/trading/exchange-positions";
import { closingSide } from "@/lib/trading/intents";
import type { LegPosition } from "@/lib/trading/leg-positions";
import type { TrackedOrder } from "@/lib/trading/order-state";

/** Sizes this close are the same (decimal sizes in binary floats). */
const QTY_EPSILON = 1e-9;

/**
 * The leg's protective order of `type` resting on the exchange: one of `own` (the leg's stops or take-profits, every
 * sequence, matched by client or exchange id), reduce-only, on the closing side, for the position's full size.
 */
export function restingProtection(leg: LegPosition, own: readonly TrackedOrder[], type: "stop" | "take-profit", openOrders: readonly ExchangeOrder[]): ExchangeOrder | undefined {
  const ids = new Set(own.map((o) => o.clientOrderId));
  const exchangeIds = new Set(own.flatMap((o) => (o.exchangeOrderId === null ? [] : [o.exchangeOrderId])));
  const side = closingSide(leg.entry.direction);
  return openOrders.find(
    (o) => (ids.has(o.clientOrderId ?? "") || exchangeIds.has(o.exchangeOrderId)) && o.type === type && o.reduceOnly && o.side === side && o.qty >= leg.qty - QTY_EPSILON,
  );
}
