import type { Fees } from "../backtest/types";
import { formatNumber, formatUtc } from "../format";
import type { OrderPurpose } from "./client-order-id";
import type { OrderSide } from "./intents";

/**
 * Where an order stands, as far as the system knows.
 * - `pending-submit`: stored with its client order id; `sentAt` says whether the request has gone out.
 * - `open` / `partially-filled`: the exchange holds it.
 * - `filled` / `cancelled` / `rejected`: done.
 * - `unknown`: sent and not answered, or no longer seen and not yet confirmed. Never read as filled, cancelled or flat.
 */
export type OrderStatus = "pending-submit" | "open" | "partially-filled" | "filled" | "cancelled" | "rejected" | "unknown";

/** How a fill traded: maker fills pay the maker rate, taker fills the taker rate. */
export type FillType = "maker" | "taker";

export interface OrderFill {
  /** The exchange's fill id: the same fill reported twice (poll and stream) counts once. */
  readonly fillId: string;
  readonly qty: number;
  readonly price: number;
  readonly fillType: FillType;
  readonly time: number;
}

/** What an order asks for, fixed when its client order id is made. */
export interface OrderTerms {
  readonly clientOrderId: string;
  readonly purpose: OrderPurpose;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: number;
  readonly reduceOnly: boolean;
}

export interface TrackedOrder extends OrderTerms {
  readonly status: OrderStatus;
  /**
   * When the request was handed to the exchange client; null until then. Recorded BEFORE the request leaves, so a
   * crash in between leaves an order that may have been sent (settled by looking), never one that reads as unsent.
   * An unsent order may be sent, a sent one never again.
   */
  readonly sentAt: number | null;
  readonly exchangeOrderId: string | null;
  readonly fills: readonly OrderFill[];
  /** Why it is `unknown` or `rejected`, for the person reading the order; null otherwise. */
  readonly note: string | null;
  readonly updatedAt: number;
}

/** What the broker learnt about an order. Every event carries the time it was learnt. */
export type OrderEvent =
  | { readonly kind: "submitted"; readonly time: number }
  | { readonly kind: "acknowledged"; readonly exchangeOrderId: string; readonly time: number }
  | { readonly kind: "send-failed-without-answer"; readonly detail: string; readonly time: number }
  | { readonly kind: "rejected"; readonly reason: string; readonly time: number }
  | ({ readonly kind: "fill" } & OrderFill)
  | { readonly kind: "cancelled"; readonly time: number }
  | { readonly kind: "seen-in-open-orders"; readonly exchangeOrderId: string; readonly time: number }
  | { readonly kind: "absent-from-open-orders"; readonly time: number }
  /**
   * The exchange's order status, read after the order went missing. `filledQty` is the exchange's summary: it must
   * agree with the fills recorded, which are what prices and fees are computed from.
   */
  | { readonly kind: "status-confirmed"; readonly status: "filled" | "cancelled"; readonly filledQty: number; readonly time: number };

export type OrderEventKind = OrderEvent["kind"];

export type OrderTransitionErrorCode =
  /** The event cannot happen in the order's state (a fill on a rejected order, a second send). */
  | "ILLEGAL_TRANSITION"
  /** Fills would add up to more than the order's quantity. */
  | "OVERFILL"
  /** A fill id seen before arrived with other numbers, or the exchange named a second order id. */
  | "CONFLICTING_REPORT"
  /** The exchange's status disagrees with the fills recorded: fetch the fills before confirming. */
  | "STATUS_DISAGREES_WITH_FILLS"
  /** A fill with a quantity or price that is not a positive number. */
  | "INVALID_FILL";

export interface OrderTransitionError {
  readonly code: OrderTransitionErrorCode;
  readonly clientOrderId: string;
  readonly message: string;
}

export type OrderTransition = { readonly ok: true; readonly order: TrackedOrder } | { readonly ok: false; readonly error: OrderTransitionError };

export interface NewOrder extends OrderTerms {
  readonly createdAt: number;
}

/** The order as stored before anything is sent: its id exists before the request does. */
export function newTrackedOrder(o: NewOrder): TrackedOrder {
  return {
    clientOrderId: o.clientOrderId,
    purpose: o.purpose,
    symbol: o.symbol,
    side: o.side,
    qty: o.qty,
    reduceOnly: o.reduceOnly,
    status: "pending-submit",
    sentAt: null,
    exchangeOrderId: null,
    fills: [],
    note: null,
    updatedAt: o.createdAt,
  };
}

/** Fills within this of the order quantity count as all of it (decimal quantities summed in binary floats). */
const QTY_EPSILON = 1e-9;

export function filledQty(order: TrackedOrder): number {
  return order.fills.reduce((sum, f) => sum + f.qty, 0);
}

/** Quantity-weighted average of the fills recorded (never an exchange's summary price); null before the first fill. */
export function averageFillPrice(order: TrackedOrder): number | null {
  const qty = filledQty(order);
  if (qty === 0) return null;
  return order.fills.reduce((sum, f) => sum + f.qty * f.price, 0) / qty;
}

/** Fees of the fills recorded at the account's rates: Kraken's fills carry a maker/taker type and no fee amount. */
export function orderFees(order: TrackedOrder, rates: Fees): number {
  return order.fills.reduce((sum, f) => sum + f.qty * f.price * (f.fillType === "maker" ? rates.maker : rates.taker), 0);
}

const TERMINAL: ReadonlySet<OrderStatus> = new Set(["filled", "cancelled", "rejected"]);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}

function fail(order: TrackedOrder, code: OrderTransitionErrorCode, message: string): OrderTransition {
  return { ok: false, error: { code, clientOrderId: order.clientOrderId, message: `order ${order.clientOrderId}: ${message}` } };
}

function illegal(order: TrackedOrder, event: OrderEvent, why: string): OrderTransition {
  return fail(order, "ILLEGAL_TRANSITION", `${event.kind} is not possible while ${describeStatus(order)}: ${why}`);
}

function describeStatus(order: TrackedOrder): string {
  if (order.status === "pending-submit") return order.sentAt === null ? "it is stored and not yet sent" : `its request is in flight since ${formatUtc(order.sentAt)}`;
  return `it is ${order.status}`;
}

function next(order: TrackedOrder, time: number, changes: Partial<TrackedOrder>): OrderTransition {
  return { ok: true, order: { ...order, ...changes, updatedAt: Math.max(order.updatedAt, time) } };
}

/** Sent and not yet settled: the exchange may hold it. */
const inFlight = (o: TrackedOrder) => o.status === "pending-submit" && o.sentAt !== null;

/** The exchange may hold it and has not said so: sent and unanswered, or unknown. */
const awaitingWord = (o: TrackedOrder) => inFlight(o) || o.status === "unknown";

/** The exchange holds it as `exchangeOrderId`: open, or partially filled when fills came first. */
function resting(order: TrackedOrder, exchangeOrderId: string, time: number): OrderTransition {
  return next(order, time, { status: filledQty(order) > 0 ? "partially-filled" : "open", exchangeOrderId, note: null });
}

function acceptExchangeId(order: TrackedOrder, exchangeOrderId: string): OrderTransition | null {
  if (order.exchangeOrderId === null || order.exchangeOrderId === exchangeOrderId) return null;
  const message = `the exchange named order ${exchangeOrderId}, but this client id already belongs to ${order.exchangeOrderId}; a person must check for a second order`;
  return fail(order, "CONFLICTING_REPORT", message);
}

function applyFill(order: TrackedOrder, fill: OrderFill): OrderTransition {
  if (!(fill.qty > 0) || !Number.isFinite(fill.qty) || !(fill.price > 0) || !Number.isFinite(fill.price)) {
    return fail(order, "INVALID_FILL", `fill ${fill.fillId} has quantity ${fill.qty} at price ${fill.price}; both must be positive numbers`);
  }
  const seen = order.fills.find((f) => f.fillId === fill.fillId);
  if (seen) {
    const same = seen.qty === fill.qty && seen.price === fill.price && seen.fillType === fill.fillType && seen.time === fill.time;
    // The same fill through a second report changes nothing; the same id with other numbers is not ours to pick.
    return same ? { ok: true, order } : fail(order, "CONFLICTING_REPORT", `fill ${fill.fillId} was reported again with other numbers`);
  }
  if (order.status === "rejected") return illegal(order, { kind: "fill", ...fill }, "a rejected order cannot trade; a person must find where this fill came from");
  if (order.status === "pending-submit" && order.sentAt === null) return illegal(order, { kind: "fill", ...fill }, "an order never sent cannot trade");
  const total = filledQty(order) + fill.qty;
  if (total > order.qty + QTY_EPSILON) {
    return fail(order, "OVERFILL", `fill ${fill.fillId} of ${fill.qty} brings the fills to ${formatNumber(total, 8)}, above the order's ${formatNumber(order.qty, 8)}`);
  }
  const fills = [...order.fills, fill];
  const complete = total >= order.qty - QTY_EPSILON;
  if (complete) return next(order, fill.time, { fills, status: "filled", note: null });
  // A fill arriving after the cancel is recorded (it traded before the cancel took effect) and the order stays cancelled.
  if (order.status === "cancelled") return next(order, fill.time, { fills });
  // A partial fill proves the order reached the exchange, not that it still rests there: unknown stays unknown.
  if (order.status === "unknown") return next(order, fill.time, { fills });
  return next(order, fill.time, { fills, status: "partially-filled" });
}

function applyStatus(order: TrackedOrder, event: Extract<OrderEvent, { kind: "status-confirmed" }>): OrderTransition {
  if (isTerminal(order.status) && order.status !== event.status) return illegal(order, event, `the exchange now says ${event.status}; a person must check which is true`);
  if (order.status === "pending-submit" && order.sentAt === null) return illegal(order, event, "an order never sent has no exchange status");
  const recorded = filledQty(order);
  if (Math.abs(event.filledQty - recorded) > QTY_EPSILON) {
    const message = `the exchange says ${formatNumber(event.filledQty, 8)} filled, the fills recorded add up to ${formatNumber(recorded, 8)}; fetch the fills before confirming`;
    return fail(order, "STATUS_DISAGREES_WITH_FILLS", message);
  }
  if (event.status === "filled" && recorded < order.qty - QTY_EPSILON) {
    return fail(order, "STATUS_DISAGREES_WITH_FILLS", `the exchange says filled with ${formatNumber(event.filledQty, 8)} of ${formatNumber(order.qty, 8)}`);
  }
  return next(order, event.time, { status: event.status, note: null });
}

/**
 * The order after `event`, or why the event cannot apply. Expected surprises (a second send, a fill on a rejected
 * order, an overfill) come back as error values with a message for people; nothing here throws.
 */
export function applyOrderEvent(order: TrackedOrder, event: OrderEvent): OrderTransition {
  switch (event.kind) {
    case "submitted":
      // Kraken refuses a repeated id only while the first order is open: a filled market order sent again trades
      // again. So a sent order is never sent a second time; an unanswered one is resolved by looking, not by resending.
      if (order.status !== "pending-submit" || order.sentAt !== null) {
        return illegal(order, event, "an order is sent once; resolve an unanswered one through open orders, fills or its status");
      }
      return next(order, event.time, { sentAt: event.time });
    case "acknowledged": {
      const conflict = acceptExchangeId(order, event.exchangeOrderId);
      if (conflict) return conflict;
      if (awaitingWord(order)) return resting(order, event.exchangeOrderId, event.time);
      // The answer after fills streamed in first, or a second answer to the one request: only the id is news.
      if (order.status === "open" || order.status === "partially-filled" || order.status === "filled") return next(order, event.time, { exchangeOrderId: event.exchangeOrderId });
      return illegal(order, event, "only a sent order can be acknowledged");
    }
    case "send-failed-without-answer":
      if (awaitingWord(order)) {
        return next(order, event.time, { status: "unknown", note: `sent at ${formatUtc(order.sentAt ?? event.time)}, no answer (${event.detail}); the exchange may hold it` });
      }
      // Fills that arrived before the answer was lost already said more than the answer would have.
      if (order.sentAt !== null && order.exchangeOrderId === null && order.fills.length > 0) return { ok: true, order };
      return illegal(order, event, "only a request in flight can go unanswered");
    case "rejected":
      if (awaitingWord(order)) {
        if (filledQty(order) > 0) return illegal(order, event, "it has fills already, so the exchange accepted it");
        return next(order, event.time, { status: "rejected", note: event.reason });
      }
      return illegal(order, event, "only a sent order awaiting its answer can be rejected");
    case "fill": {
      const { kind: _kind, ...fill } = event;
      return applyFill(order, fill);
    }
    case "cancelled":
      if (order.status === "open" || order.status === "partially-filled" || awaitingWord(order)) return next(order, event.time, { status: "cancelled", note: null });
      if (order.status === "cancelled") return { ok: true, order };
      return illegal(order, event, "only an order the exchange may hold can be cancelled");
    case "seen-in-open-orders": {
      const conflict = acceptExchangeId(order, event.exchangeOrderId);
      if (conflict) return conflict;
      if (awaitingWord(order)) return resting(order, event.exchangeOrderId, event.time);
      if (order.status === "open" || order.status === "partially-filled") return next(order, event.time, { exchangeOrderId: event.exchangeOrderId });
      return illegal(order, event, "a finished order cannot rest on the exchange; a person must check for a second order");
    }
    case "absent-from-open-orders":
      // Missing from the open orders is not filled and not cancelled: it stays unknown until fills or status say which.
      if (order.status === "open" || order.status === "partially-filled" || awaitingWord(order)) {
        return next(order, event.time, { status: "unknown", note: `not among the open orders at ${formatUtc(event.time)}; waiting for its fills or status` });
      }
      if (isTerminal(order.status)) return { ok: true, order };
      return illegal(order, event, "an order never sent is not expected on the exchange");
    case "status-confirmed":
      return applyStatus(order, event);
  }
}
