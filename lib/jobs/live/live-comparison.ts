import type { PaperPositionRow } from "@/db/queries/paper";
import type { LiveComparisonRow } from "@/lib/contract/live";
import type { EnterIntent } from "@/lib/trading/intents";
import { legOrders, legPositions } from "@/lib/trading/leg-positions";
import { averageFillPrice, filledQty, type TrackedOrder } from "@/lib/trading/order-state";

/** The orders that close a leg's position (a flatten closes a whole symbol, so it belongs to no leg). */
const CLOSING = ["stop", "take-profit", "exit"] as const;

/** Quantity-weighted price of every fill of `orders`; null before the first. */
function averagePrice(orders: readonly TrackedOrder[]): number | null {
  const qty = orders.reduce((sum, o) => sum + filledQty(o), 0);
  if (qty === 0) return null;
  return orders.reduce((sum, o) => sum + filledQty(o) * (averageFillPrice(o) ?? 0), 0) / qty;
}

/** What became of the entry on the exchange, in a word the table shows. */
function liveStatus(entry: TrackedOrder | undefined, openQty: number, exitPrice: number | null): string {
  if (entry === undefined) return "no order";
  if (openQty > 0) return "open";
  if (exitPrice !== null) return "closed";
  return entry.status;
}

function liveSide(intent: EnterIntent, byId: ReadonlyMap<string, TrackedOrder>, orders: readonly TrackedOrder[]): NonNullable<LiveComparisonRow["live"]> {
  const entries = legOrders(intent, "entry", byId);
  const [position] = legPositions([intent], orders);
  const openQty = position?.qty ?? 0;
  const exitPrice = averagePrice(CLOSING.flatMap((purpose) => legOrders(intent, purpose, byId)));
  return {
    entryPrice: averagePrice(entries),
    qty: entries.reduce((sum, o) => sum + filledQty(o), 0),
    exitPrice,
    openQty,
    status: liveStatus(entries[0], openQty, exitPrice),
  };
}

function paperSide(p: PaperPositionRow): NonNullable<LiveComparisonRow["paper"]> {
  return { entryPrice: p.entryPrice, qty: p.qty, exitPrice: p.exitPrice, exitReason: p.exitReason, pnl: p.netPnl };
}

/**
 * One row per decision, newest first: a live entry and the paper position of the same leg entered on the same bar
 * (the paper engine fills at the open of the bar after the signal, which is the close the intent names) share a row;
 * a decision only one side acted on keeps the other side null, which is itself a difference worth seeing.
 */
export function liveComparison(intents: readonly EnterIntent[], orders: readonly TrackedOrder[], paperPositions: readonly PaperPositionRow[], limit = 200): LiveComparisonRow[] {
  const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
  const rows = new Map<string, LiveComparisonRow>();
  const keyOf = (legId: string, decidedAt: number) => JSON.stringify([legId, decidedAt]);
  for (const intent of intents) {
    rows.set(keyOf(intent.legId, intent.barCloseTime), {
      legId: intent.legId,
      symbol: intent.symbol,
      direction: intent.direction,
      decidedAt: intent.barCloseTime,
      paper: null,
      live: liveSide(intent, byId, orders),
    });
  }
  for (const p of paperPositions) {
    const key = keyOf(p.legId, p.entryTime);
    const matched = rows.get(key);
    rows.set(key, matched ? { ...matched, paper: paperSide(p) } : { legId: p.legId, symbol: p.symbol, direction: p.side, decidedAt: p.entryTime, paper: paperSide(p), live: null });
  }
  return [...rows.values()].sort((a, b) => b.decidedAt - a.decidedAt || a.legId.localeCompare(b.legId)).slice(0, limit);
}
