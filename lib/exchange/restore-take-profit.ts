import { formatNumber } from "@/lib/format";
import type { ExchangeOrder } from "@/lib/trading/exchange-positions";
import type { LegPosition } from "@/lib/trading/leg-positions";
import { brokerEvent, type BrokerEvent } from "./broker-event";
import { closeLegAtMarket } from "./close-leg-at-market";
import type { KrakenFuturesBroker } from "./kraken-futures-broker";
import { restingProtection } from "./resting-protection";
import { sendClosingOrder } from "./send-closing-order";

/** What restoring a take-profit needs of the broker. */
type RestoringBroker = Pick<KrakenFuturesBroker, "register" | "submit" | "cancel" | "readMarkPrice" | "now">;

/**
 * Puts back the leg's take-profit when it no longer rests on the exchange (cancelled by the dead man's switch or by
 * hand, or never sent because the process died after the stop): placed again for the open quantity at the entry's
 * target, reduce-only, under the next take-profit sequence, so its id is new and still deterministic. A filled one
 * is not replaced: its position is closed, or closing. When the mark price has already passed the target, a
 * take-profit would trigger at once: the target was reached while nobody watched, so the position is closed at
 * market instead, and its resting stop cancelled once that exit filled.
 *
 * Run after restoreStop, never instead of it: a missing target is no safety problem and blocks nothing, so the stop
 * is put back first and rests while the close is under way.
 */
export async function restoreTakeProfit(broker: RestoringBroker, leg: LegPosition, openOrders: readonly ExchangeOrder[]): Promise<readonly BrokerEvent[]> {
  if (restingProtection(leg, leg.takeProfits, "take-profit", openOrders) !== undefined) return [];
  if (leg.takeProfits.some((o) => o.status === "filled")) return [];
  const { entry } = leg;
  const lost = leg.takeProfits.at(-1);
  const missing = lost === undefined
    ? "no take-profit was ever placed (the process stopped between the entry's stop and its take-profit)"
    : `take-profit ${lost.clientOrderId} went missing (it is ${lost.status} and not resting on the exchange: cancelled by the dead man's switch or by hand)`;
  const mark = await broker.readMarkPrice(entry.symbol);
  const target = formatNumber(entry.targetPrice, 2);
  const passed = mark.markPrice !== null && (entry.direction === "long" ? mark.markPrice >= entry.targetPrice : mark.markPrice <= entry.targetPrice);
  if (passed) {
    const why = `${missing} and the mark price ${formatNumber(mark.markPrice ?? NaN, 2)} has already passed its target ${target}: the target was reached while nobody watched`;
    return [...mark.events, ...(await closeLegAtMarket(broker, leg, "target-passed-closed", why)).events];
  }
  const placed = await sendClosingOrder(broker, entry, "take-profit", leg.takeProfits.length, leg.qty, { kind: "take-profit", triggerPrice: entry.targetPrice });
  const events: BrokerEvent[] = [...mark.events, ...placed.events];
  // Anything but open (refused, unanswered) is already told by the broker's own events; the stop still protects.
  if (placed.order?.status === "open") {
    const { clientOrderId, side } = placed.order;
    events.push(brokerEvent(broker.now(), "take-profit-replaced", clientOrderId, `take-profit re-placed after ${missing}: ${clientOrderId}, ${side} ${formatNumber(leg.qty, 8)} ${entry.symbol} at ${target} (last price), reduce-only`));
  }
  return events;
}
