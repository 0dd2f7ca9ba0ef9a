import type { EnterIntent } from "@/lib/trading/intents";
import { legOrderId } from "@/lib/trading/leg-positions";
import { filledQty, isTerminal, type TrackedOrder } from "@/lib/trading/order-state";
import { brokerEvent, type BrokerEvent } from "./broker-event";
import type { KrakenFuturesBroker } from "./kraken-futures-broker";
import { sendClosingOrder } from "./send-closing-order";

/** What protection needs of the broker. */
type ProtectionBroker = Pick<KrakenFuturesBroker, "register" | "submit" | "settle" | "cancel" | "now">;

export interface ProtectionOutcome {
  readonly stop: TrackedOrder | undefined;
  readonly takeProfit: TrackedOrder | undefined;
  /** The market exit sent because the stop could not be placed; undefined when the stop was placed. */
  readonly flatten: TrackedOrder | undefined;
  readonly events: readonly BrokerEvent[];
}

/**
 * After the entry filled, places a reduce-only stop (triggered on mark) and take-profit for the quantity filled,
 * each with its own deterministic id. A stop Kraken refuses leaves the position unprotected, so it is closed at
 * market (reduce-only) at once, and the take-profit is not placed. Called again, it sends nothing already sent.
 */
export async function protectPosition(broker: ProtectionBroker, entry: EnterIntent): Promise<ProtectionOutcome> {
  const entryId = legOrderId(entry, "entry");
  const settled = await broker.settle(entryId);
  const events: BrokerEvent[] = [...settled.events];
  const qty = settled.order === undefined ? 0 : filledQty(settled.order);
  if (settled.order === undefined || !(qty > 0)) {
    const state = settled.order === undefined ? "is not registered" : `is ${settled.order.status} with nothing filled`;
    events.push(brokerEvent(broker.now(), "protection-failed", entryId, `entry ${entryId} ${state}; there is no position to protect`));
    return { stop: undefined, takeProfit: undefined, flatten: undefined, events };
  }
  const stop = await sendClosingOrder(broker, entry, "stop", 0, qty, { kind: "stop", triggerPrice: entry.stopPrice });
  events.push(...stop.events);
  if (stop.order?.status === "rejected") {
    const flatten = await sendClosingOrder(broker, entry, "exit", 0, qty, { kind: "market" });
    events.push(...flatten.events);
    const outcome = flatten.order === undefined ? "no exit could be sent; a person must close it" : `exit ${flatten.order.clientOrderId} is ${flatten.order.status}`;
    events.push(brokerEvent(broker.now(), "stop-refused-flattened", entryId, `the stop for entry ${entryId} was refused (${stop.order.note ?? "no reason given"}), so the position was closed at market: ${outcome}`));
    return { stop: stop.order, takeProfit: undefined, flatten: flatten.order, events };
  }
  const takeProfit = await sendClosingOrder(broker, entry, "take-profit", 0, qty, { kind: "take-profit", triggerPrice: entry.targetPrice });
  events.push(...takeProfit.events);
  events.push(brokerEvent(broker.now(), "protection-placed", entryId, `entry ${entryId} (${entry.symbol}): stop is ${stop.order?.status ?? "not registered"}, take-profit is ${takeProfit.order?.status ?? "not registered"}`));
  return { stop: stop.order, takeProfit: takeProfit.order, flatten: undefined, events };
}

/**
 * The entry's orders of `purpose` as the exchange has them now, every sequence (the first and each re-placement), each
 * settled: a finished one is read from the ledger, one still working is looked up.
 */
async function settledLegOrders(broker: ProtectionBroker, entry: EnterIntent, purpose: "stop" | "take-profit"): Promise<{ orders: TrackedOrder[]; events: BrokerEvent[] }> {
  const orders: TrackedOrder[] = [];
  const events: BrokerEvent[] = [];
  for (let sequence = 0; ; sequence++) {
    const settled = await broker.settle(legOrderId(entry, purpose, sequence));
    events.push(...settled.events);
    if (settled.order === undefined) return { orders, events };
    orders.push(settled.order);
  }
}

/**
 * Kraken has no one-cancels-other: settles the entry's protective orders (every stop and take-profit, re-placements
 * included) and, once one of them has filled, cancels those of the other kind still working (the latest one resting,
 * and any older one the ledger does not know finished). A leg filled in part changes nothing yet (the other,
 * reduce-only, never outgrows the position).
 */
export async function cancelOtherProtection(broker: ProtectionBroker, entry: EnterIntent): Promise<readonly BrokerEvent[]> {
  const stops = await settledLegOrders(broker, entry, "stop");
  const takeProfits = await settledLegOrders(broker, entry, "take-profit");
  const events: BrokerEvent[] = [...stops.events, ...takeProfits.events];
  const pairs = [
    [stops.orders, takeProfits.orders],
    [takeProfits.orders, stops.orders],
  ] as const;
  for (const [mine, others] of pairs) {
    const filled = mine.find((o) => o.status === "filled");
    if (filled === undefined) continue;
    for (const other of others.filter((o) => !isTerminal(o.status))) {
      const cancelled = await broker.cancel(other.clientOrderId, `the ${filled.purpose} ${filled.clientOrderId} filled`);
      events.push(...cancelled.events);
    }
  }
  return events;
}
