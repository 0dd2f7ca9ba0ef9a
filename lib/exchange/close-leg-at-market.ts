import { formatNumber } from "@/lib/format";
import { legOrderId, type LegPosition } from "@/lib/trading/leg-positions";
import type { TrackedOrder } from "@/lib/trading/order-state";
import { brokerEvent, type BrokerEvent, type BrokerEventKind } from "./broker-event";
import type { KrakenFuturesBroker } from "./kraken-futures-broker";
import { sendClosingOrder } from "./send-closing-order";

/** What closing a leg at market needs of the broker. */
type ClosingBroker = Pick<KrakenFuturesBroker, "register" | "submit" | "cancel" | "now">;

export interface MarketClose {
  /** The market exit as it stands after sending; undefined when none could be registered. */
  readonly exit: TrackedOrder | undefined;
  /** A sentence saying how the close went, for the caller's own problem text. */
  readonly outcome: string;
  readonly events: readonly BrokerEvent[];
}

/**
 * The ids of the leg's stops and take-profits that may rest: every sequence in the ledger and the next one, which a
 * restoration in the same reconciliation may just have placed (the leg was read before it). An id never stored is
 * left alone by the broker's cancel.
 */
function protectionIds(leg: LegPosition): string[] {
  const upToNext = (purpose: "stop" | "take-profit", stored: number) => Array.from({ length: stored + 1 }, (_, sequence) => legOrderId(leg.entry, purpose, sequence));
  return [...upToNext("stop", leg.stops.length), ...upToNext("take-profit", leg.takeProfits.length)];
}

/**
 * Closes the leg's open quantity with a reduce-only market exit under its next exit sequence, and says why in one
 * event of `kind` whose sentence starts with `why`. Once the exit has filled, the leg's resting stops and
 * take-profits are cancelled: left on a flat instrument, a reduce-only order would close part of the next position
 * opened there.
 */
export async function closeLegAtMarket(broker: ClosingBroker, leg: LegPosition, kind: BrokerEventKind, why: string): Promise<MarketClose> {
  const sent = await sendClosingOrder(broker, leg.entry, "exit", leg.exits.length, leg.qty, { kind: "market" });
  const events: BrokerEvent[] = [...sent.events];
  const outcome = sent.order === undefined ? "no exit could be sent; a person must close it" : `exit ${sent.order.clientOrderId} is ${sent.order.status}`;
  events.push(brokerEvent(broker.now(), kind, legOrderId(leg.entry, "entry"), `${why}, so the position of ${formatNumber(leg.qty, 8)} ${leg.entry.symbol} was closed at market: ${outcome}`));
  if (sent.order?.status === "filled") {
    for (const id of protectionIds(leg)) events.push(...(await broker.cancel(id, `its position was closed at market by ${sent.order.clientOrderId}`)).events);
  }
  return { exit: sent.order, outcome, events };
}
