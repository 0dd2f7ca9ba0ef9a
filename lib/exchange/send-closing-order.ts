import type { OrderPurpose } from "@/lib/trading/client-order-id";
import { closingSide, type EnterIntent } from "@/lib/trading/intents";
import { legOrderId } from "@/lib/trading/leg-positions";
import type { TrackedOrder } from "@/lib/trading/order-state";
import { brokerEvent, type BrokerEvent } from "./broker-event";
import type { KrakenFuturesBroker } from "./kraken-futures-broker";
import type { OrderPlacement } from "./order-request";

/** What closing an entry's position needs of the broker. */
type ClosingBroker = Pick<KrakenFuturesBroker, "register" | "submit" | "now">;

/**
 * Registers and sends a reduce-only order of `purpose` closing `qty` of the entry's position, under the entry's
 * deterministic id for that purpose and `sequence` (0 for the first; re-placements take the next).
 */
export async function sendClosingOrder(
  broker: ClosingBroker,
  entry: EnterIntent,
  purpose: OrderPurpose,
  sequence: number,
  qty: number,
  placement: OrderPlacement,
): Promise<{ order: TrackedOrder | undefined; events: readonly BrokerEvent[] }> {
  const id = legOrderId(entry, purpose, sequence);
  const registration = await broker.register({ clientOrderId: id, purpose, symbol: entry.symbol, side: closingSide(entry.direction), qty, reduceOnly: true, createdAt: broker.now() });
  if (registration.kind === "conflict") return { order: undefined, events: [brokerEvent(broker.now(), "protection-failed", id, registration.message)] };
  return broker.submit(id, placement);
}
