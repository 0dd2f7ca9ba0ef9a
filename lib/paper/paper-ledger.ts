import { randomUUID } from "node:crypto";
import type { Direction, Trade } from "../backtest/types";
import type { PaperEvent, PaperState } from "./types";

/** A paper position as stored: opened by an entry fill, closed by the trade the engine records. */
export interface LedgerPosition {
  readonly id: string;
  readonly accountId: string;
  readonly legId: string;
  readonly hypothesisId: string;
  readonly symbol: string;
  readonly timeframe: string;
  readonly side: Direction;
  readonly qty: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly stop: number;
  readonly target: number;
  readonly status: "open" | "closed";
  readonly exitTime?: number;
  readonly exitPrice?: number;
  readonly exitReason?: string;
  readonly fees: number;
  readonly funding: number;
  readonly netPnl?: number;
}

/** A simulated order: the entry placed at a signal bar's close, or the exit that closed a position. */
export interface LedgerOrder {
  readonly id: string;
  readonly accountId: string;
  readonly positionId?: string | null;
  readonly kind: "entry" | "stop" | "target" | "time" | "end";
  readonly side: "buy" | "sell";
  readonly type: "market" | "limit" | "stop";
  readonly qty: number;
  readonly price: number | null;
  readonly status: "open" | "filled" | "cancelled";
  readonly createdTime: number;
}

export interface LedgerFill {
  readonly accountId: string;
  readonly orderId: string | null;
  readonly legId: string;
  /** entry, or the exit reason: target, stop, time, end_of_data. */
  readonly kind: string;
  readonly side: "buy" | "sell";
  readonly time: number;
  readonly price: number;
  readonly qty: number;
  readonly fee: number;
}

export interface LedgerEvent {
  readonly accountId: string;
  readonly time: number;
  readonly kind: string;
  readonly legId: string | null;
  readonly detail: Record<string, unknown>;
}

/** The rows a leg's later ticks update, by leg id: its open entry order and its open position. */
export interface LedgerIds {
  readonly orders: Readonly<Record<string, string>>;
  readonly positions: Readonly<Record<string, string>>;
}

/** One tick's events as rows: what to insert, what to update (by row id), and the ids the next tick needs. */
export interface TickLedger extends LedgerIds {
  readonly newPositions: readonly LedgerPosition[];
  readonly positionUpdates: ReadonlyMap<string, Partial<LedgerPosition>>;
  readonly newOrders: readonly LedgerOrder[];
  readonly orderUpdates: ReadonlyMap<string, Partial<LedgerOrder>>;
  readonly fills: readonly LedgerFill[];
  readonly events: readonly LedgerEvent[];
  /** The tick's equity mark, if it had one. */
  readonly equity: { readonly time: number; readonly equity: number; readonly realised: number } | null;
}

const sideOf = (direction: Direction, exit: boolean): "buy" | "sell" => ((direction === "long") !== exit ? "buy" : "sell");

const EXIT_ORDER: Record<Trade["reason"], { kind: LedgerOrder["kind"]; type: LedgerOrder["type"] }> = {
  stop: { kind: "stop", type: "stop" },
  target: { kind: "target", type: "limit" },
  time: { kind: "time", type: "market" },
  end_of_data: { kind: "end", type: "market" },
};

/** Events kept in the event log (orders and fills have their own rows; equity marks theirs). */
const NOTABLE = new Set<PaperEvent["type"]>(["signal", "entry_blocked", "daily_loss_limit", "daily_loss_reset", "drawdown_halt", "funding", "position_closed"]);

function eventDetail(e: PaperEvent): Record<string, unknown> {
  // Leg fields go to their columns; the rest (reason, stage, full trade, equity figures) is the detail.
  const { type: _type, time: _time, ...rest } = e;
  if ("legId" in rest) {
    const { legId: _legId, ...detail } = rest;
    return detail;
  }
  return rest;
}

/**
 * Turns one processed tick's events into the paper ledger's rows: an accepted signal is an open entry order; its
 * fill opens a position and fills the order; a closed trade closes the position with its exit order and fill;
 * funding updates the position; notable events are logged. `previous` holds the rows earlier ticks left open.
 */
export function tickLedger(accountId: string, events: readonly PaperEvent[], snapshot: PaperState, previous: LedgerIds, newId: () => string = randomUUID): TickLedger {
  const orders: Record<string, string> = { ...previous.orders };
  const positions: Record<string, string> = { ...previous.positions };
  const newPositions = new Map<string, LedgerPosition>();
  const positionUpdates = new Map<string, Partial<LedgerPosition>>();
  const newOrders = new Map<string, LedgerOrder>();
  const orderUpdates = new Map<string, Partial<LedgerOrder>>();
  const fills: LedgerFill[] = [];
  const eventRows: LedgerEvent[] = [];
  let equity: TickLedger["equity"] = null;

  // A row made this tick is inserted with its later changes folded in; one from an earlier tick is updated.
  const updatePosition = (id: string, set: Partial<LedgerPosition>) => {
    const pending = newPositions.get(id);
    if (pending) newPositions.set(id, { ...pending, ...set });
    else positionUpdates.set(id, { ...positionUpdates.get(id), ...set });
  };
  const updateOrder = (id: string, set: Partial<LedgerOrder>) => {
    const pending = newOrders.get(id);
    if (pending) newOrders.set(id, { ...pending, ...set });
    else orderUpdates.set(id, { ...orderUpdates.get(id), ...set });
  };

  for (const e of events) {
    if (NOTABLE.has(e.type)) eventRows.push({ accountId, time: e.time, kind: e.type, legId: "legId" in e ? e.legId : null, detail: eventDetail(e) });
    switch (e.type) {
      case "order_placed": {
        const id = newId();
        // Sized at the fill (from the equity then): the quantity is unknown until the next bar's open.
        newOrders.set(id, { id, accountId, kind: "entry", side: sideOf(e.side, false), type: "market", qty: 0, price: null, status: "open", createdTime: e.time });
        orders[e.legId] = id;
        break;
      }
      case "entry_blocked": {
        const orderId = orders[e.legId];
        if (e.stage === "fill" && orderId) {
          updateOrder(orderId, { status: "cancelled" });
          delete orders[e.legId];
        }
        break;
      }
      case "fill": {
        const leg = snapshot.legs.find((l) => l.id === e.legId);
        const id = newId();
        newPositions.set(id, {
          id,
          accountId,
          legId: e.legId,
          hypothesisId: leg?.hypothesisId ?? e.legId,
          symbol: e.symbol,
          timeframe: e.timeframe,
          side: e.side,
          qty: e.qty,
          entryTime: e.entryTime,
          entryPrice: e.price,
          stop: e.stop,
          target: e.target,
          status: "open",
          fees: e.fee,
          funding: 0,
        });
        positions[e.legId] = id;
        const orderId = orders[e.legId];
        if (orderId) {
          updateOrder(orderId, { status: "filled", qty: e.qty, price: e.price, positionId: id });
          delete orders[e.legId];
        }
        fills.push({ accountId, orderId: orderId ?? null, legId: e.legId, kind: "entry", side: sideOf(e.side, false), time: e.entryTime, price: e.price, qty: e.qty, fee: e.fee });
        break;
      }
      case "funding": {
        const id = positions[e.legId];
        if (id) updatePosition(id, { funding: e.total });
        break;
      }
      case "position_closed": {
        const t = e.trade;
        const id = positions[e.legId];
        const exitOrderId = newId();
        if (id) {
          updatePosition(id, { status: "closed", exitTime: t.exitTime, exitPrice: t.exitPrice, exitReason: t.reason, fees: t.entryFee + t.exitFee, funding: t.funding, netPnl: t.netPnl });
          delete positions[e.legId];
        }
        const exit = EXIT_ORDER[t.reason];
        newOrders.set(exitOrderId, { id: exitOrderId, accountId, positionId: id ?? null, kind: exit.kind, side: sideOf(t.side, true), type: exit.type, qty: t.qty, price: t.exitPrice, status: "filled", createdTime: e.time });
        fills.push({ accountId, orderId: exitOrderId, legId: e.legId, kind: t.reason, side: sideOf(t.side, true), time: t.exitTime, price: t.exitPrice, qty: t.qty, fee: t.exitFee });
        break;
      }
      case "equity":
        equity = { time: e.time, equity: e.equity, realised: e.realised };
        break;
      default:
        break;
    }
  }
  return { orders, positions, newPositions: [...newPositions.values()], positionUpdates, newOrders: [...newOrders.values()], orderUpdates, fills, events: eventRows, equity };
}
