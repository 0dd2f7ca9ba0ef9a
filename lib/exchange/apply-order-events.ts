import { applyOrderEvent, type OrderEvent, type TrackedOrder } from "@/lib/trading/order-state";
import { brokerEvent, type BrokerEvent } from "./broker-event";

/**
 * Applies what the exchange reported, in order, through lib/trading's state machine. An event the order cannot take
 * (an overfill, a status that disagrees with the fills) leaves the order as it was and becomes a `ledger-refused`
 * event a person reads: the broker never forces a state the machine refuses.
 */
export function applyOrderEvents(order: TrackedOrder, events: readonly OrderEvent[], time: number): { order: TrackedOrder; refused: BrokerEvent[] } {
  let current = order;
  const refused: BrokerEvent[] = [];
  for (const event of events) {
    const transition = applyOrderEvent(current, event);
    if (transition.ok) current = transition.order;
    else refused.push(brokerEvent(time, "ledger-refused", order.clientOrderId, `the ledger did not take the exchange's report: ${transition.error.message}`));
  }
  return { order: current, refused };
}
