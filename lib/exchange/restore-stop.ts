import { formatNumber } from "@/lib/format";
import type { ExchangeOrder } from "@/lib/trading/exchange-positions";
import type { LegPosition } from "@/lib/trading/leg-positions";
import { brokerEvent, type BrokerEvent } from "./broker-event";
import { closeLegAtMarket } from "./close-leg-at-market";
import type { KrakenFuturesBroker } from "./kraken-futures-broker";
import { restingProtection } from "./resting-protection";
import { sendClosingOrder } from "./send-closing-order";

/** What restoring a stop needs of the broker. */
type RestoringBroker = Pick<KrakenFuturesBroker, "register" | "submit" | "cancel" | "readMarkPrice" | "now">;

export interface StopCheck {
  /** True when the position is protected on the exchange again (its stop rests) or closed; false leaves it blocked. */
  readonly protected: boolean;
  /** Why it is not, for the gate and the person reading it; null when protected. */
  readonly problem: string | null;
  /** True when a market exit was sent for the position (whatever became of it): nothing else is to be placed for it. */
  readonly flattened: boolean;
  readonly events: readonly BrokerEvent[];
}

/** Closes the leg at market because its stop cannot protect it; `why` starts the event's sentence. */
async function flatten(broker: RestoringBroker, leg: LegPosition, why: string, events: BrokerEvent[]): Promise<StopCheck> {
  const close = await closeLegAtMarket(broker, leg, "stop-crossed-flattened", why);
  events.push(...close.events);
  const closed = close.exit?.status === "filled";
  return { protected: closed, problem: closed ? null : `${why}; closing it at market did not complete (${close.outcome})`, flattened: true, events };
}

/**
 * Makes sure the leg's open position has its stop resting on the exchange. A stop gone missing (cancelled by the
 * dead man's switch or by hand, or never placed because the process died between the fill and the stop) is placed
 * again at the entry's stop price under the next sequence, so its id is new and still deterministic. When the mark
 * price has already passed the stop, a stop would only close the position late: it is closed at market instead.
 */
export async function restoreStop(broker: RestoringBroker, leg: LegPosition, openOrders: readonly ExchangeOrder[]): Promise<StopCheck> {
  if (restingProtection(leg, leg.stops, "stop", openOrders) !== undefined) return { protected: true, problem: null, flattened: false, events: [] };
  const { entry } = leg;
  const lost = leg.stops.at(-1);
  const missing = lost === undefined
    ? "no stop was ever placed (the process stopped between the entry's fill and its stop)"
    : `stop ${lost.clientOrderId} went missing (it is ${lost.status} and not resting on the exchange: cancelled by the dead man's switch or by hand)`;
  const mark = await broker.readMarkPrice(entry.symbol);
  const events: BrokerEvent[] = [...mark.events];
  const stopPrice = formatNumber(entry.stopPrice, 2);
  const crossed = mark.markPrice !== null && (entry.direction === "long" ? mark.markPrice <= entry.stopPrice : mark.markPrice >= entry.stopPrice);
  if (crossed) return flatten(broker, leg, `${missing} and the mark price ${formatNumber(mark.markPrice ?? NaN, 2)} has already passed its price ${stopPrice}`, events);
  const stop = await sendClosingOrder(broker, leg.entry, "stop", leg.stops.length, leg.qty, { kind: "stop", triggerPrice: entry.stopPrice });
  events.push(...stop.events);
  if (stop.order?.status === "rejected") return flatten(broker, leg, `${missing} and placing it again was refused (${stop.order.note ?? "no reason given"})`, events);
  if (stop.order?.status !== "open") {
    const state = stop.order === undefined ? "could not be registered" : `is ${stop.order.status}`;
    return { protected: false, problem: `${missing}; its re-placement ${state}, so the position is not known to be protected`, flattened: false, events };
  }
  events.push(brokerEvent(broker.now(), "stop-replaced", stop.order.clientOrderId, `stop re-placed after ${missing}: ${stop.order.clientOrderId}, ${stop.order.side} ${formatNumber(leg.qty, 8)} ${entry.symbol} at ${stopPrice} (mark price), reduce-only`));
  return { protected: true, problem: null, flattened: false, events };
}
