import { clientOrderId, type OrderPurpose } from "./client-order-id";
import type { EnterIntent } from "./intents";
import { filledQty, type TrackedOrder } from "./order-state";

/** One leg's position as the ledger's orders make it: what the entry filled less what its closing orders filled. */
export interface LegPosition {
  readonly entry: EnterIntent;
  /** Open quantity, unsigned; 0 once closed. */
  readonly qty: number;
  /** The entry's stops in the ledger, first placed first (sequence 0, 1, …). */
  readonly stops: readonly TrackedOrder[];
  /** The entry's take-profits in the ledger, by sequence: the first placed, then each re-placement of a missing one. */
  readonly takeProfits: readonly TrackedOrder[];
  /** The entry's market exits in the ledger, by sequence. */
  readonly exits: readonly TrackedOrder[];
}

/** The client order id of the entry's order for `purpose` and `sequence` (see clientOrderId). */
export function legOrderId(entry: EnterIntent, purpose: OrderPurpose, sequence = 0): string {
  return clientOrderId({ accountId: entry.accountId, legId: entry.legId, barCloseTime: entry.barCloseTime, purpose, sequence });
}

/**
 * The entry's orders for `purpose` in the ledger, by sequence from 0 up to the first one not stored: re-placements
 * take the next sequence, so the orders of one purpose have no gaps.
 */
export function legOrders(entry: EnterIntent, purpose: OrderPurpose, byId: ReadonlyMap<string, TrackedOrder>): TrackedOrder[] {
  const out: TrackedOrder[] = [];
  for (let sequence = 0; ; sequence++) {
    const order = byId.get(legOrderId(entry, purpose, sequence));
    if (order === undefined) return out;
    out.push(order);
  }
}

/** Quantities this small are float noise of decimal sizes, not a position. */
const FLAT_EPSILON = 1e-9;

const filledOf = (orders: readonly TrackedOrder[]): number => orders.reduce((sum, o) => sum + filledQty(o), 0);

/** The position of each entry from the ledger's orders; an entry with no order stored holds nothing. */
export function legPositions(entries: readonly EnterIntent[], orders: readonly TrackedOrder[]): LegPosition[] {
  const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
  return entries.map((entry) => {
    // The orders that close the position: its stops, take-profits and market exits, every sequence of each.
    const stops = legOrders(entry, "stop", byId);
    const takeProfits = legOrders(entry, "take-profit", byId);
    const exits = legOrders(entry, "exit", byId);
    const open = filledOf(legOrders(entry, "entry", byId)) - filledOf([...stops, ...takeProfits, ...exits]);
    return { entry, qty: open > FLAT_EPSILON ? open : 0, stops, takeProfits, exits };
  });
}

/** Signed quantity per symbol (long > 0), the ledger side of reconcile's comparison. */
export function ledgerPositions(legs: readonly LegPosition[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const leg of legs) {
    if (leg.qty === 0) continue;
    const signed = leg.entry.direction === "long" ? leg.qty : -leg.qty;
    out.set(leg.entry.symbol, (out.get(leg.entry.symbol) ?? 0) + signed);
  }
  return out;
}
