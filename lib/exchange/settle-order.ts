import type { Exchange, Order, Trade } from "ccxt";
import { formatNumber } from "@/lib/format";
import { filledQty, isTerminal, type FillType, type OrderEvent, type TrackedOrder } from "@/lib/trading/order-state";
import { applyOrderEvents } from "./apply-order-events";
import { brokerEvent, type BrokerEvent } from "./broker-event";
import { causeText } from "./describe-remote-failure";
import type { FetchTarget } from "./errors";
import { exchangeSymbol } from "./symbol-map";
import { withRetry, type RetryOptions } from "./with-retry";

export interface SettleOptions {
  readonly now: () => number;
  readonly retry?: RetryOptions;
}

export interface Settlement {
  readonly order: TrackedOrder;
  readonly events: readonly BrokerEvent[];
}

/** Kraken's `fillType`: only `maker` rested on the book; taker, takerAfterEdit, liquidation and the rest took liquidity. */
export function fillTypeOf(krakenFillType: unknown): FillType {
  return krakenFillType === "maker" ? "maker" : "taker";
}

const hasId = (o: Order): o is Order & { id: string } => typeof o.id === "string" && o.id !== "";

const info = (item: Trade | Order): Record<string, unknown> => (typeof item.info === "object" && item.info !== null ? (item.info as Record<string, unknown>) : {});

/** Whether a report from the exchange concerns `order`: by the exchange's id once known, else by our cliOrdId. */
function concerns(order: TrackedOrder, exchangeOrderId: string | undefined, cliOrdId: unknown): boolean {
  if (order.exchangeOrderId !== null && exchangeOrderId === order.exchangeOrderId) return true;
  return cliOrdId === order.clientOrderId;
}

/**
 * The order's fills from Kraken's fills endpoint, the one source of fill ids and maker/taker types (an order's
 * answer lists its executions without a fill type). The endpoint lists the account's latest fills, so an order is
 * settled soon after it was sent; an older one is settled from its status. A fill of the order that cannot be read
 * is a problem to report, not a fill to drop.
 */
function fillEvents(order: TrackedOrder, trades: readonly Trade[]): { fills: OrderEvent[]; problems: string[] } {
  const fills: OrderEvent[] = [];
  const problems: string[] = [];
  for (const t of trades.filter((trade) => concerns(order, trade.order, info(trade).cliOrdId))) {
    const { id, amount, price, timestamp } = t;
    if (order.exchangeOrderId !== null && t.order !== order.exchangeOrderId) {
      // Kraken lets a client id be used again once its order is closed: this fill is another order's.
      problems.push(`fill ${id ?? "without an id"} carries client id ${order.clientOrderId} but belongs to order ${t.order ?? "unnamed"}, not ${order.exchangeOrderId}; a person must check for a second order`);
      continue;
    }
    if (id === undefined || amount === undefined || price === undefined || timestamp === undefined) {
      problems.push(`a fill of order ${order.clientOrderId} came without its id, size, price or time`);
      continue;
    }
    fills.push({ kind: "fill", fillId: id, qty: amount, price, fillType: fillTypeOf(info(t).fillType), time: timestamp });
  }
  return { fills, problems };
}

/** The order's status read by cliOrdId (Kraken's orders/status), as the events it implies, or null when it is not listed. */
function statusEvents(order: TrackedOrder, listed: Order & { id: string }, time: number): OrderEvent[] | null {
  // Open by its status though not (yet) in the open orders: the exchange holds it all the same.
  if (listed.status === "open") return [{ kind: "seen-in-open-orders", exchangeOrderId: listed.id, time }];
  // The status read names the exchange's id, recorded as the acknowledgement the lost answer would have carried.
  const named: OrderEvent[] = order.exchangeOrderId === null ? [{ kind: "acknowledged", exchangeOrderId: listed.id, time }] : [];
  if (listed.status === "closed") return [...named, { kind: "status-confirmed", status: "filled", filledQty: listed.filled ?? NaN, time }];
  if (listed.status === "canceled") return [...named, { kind: "status-confirmed", status: "cancelled", filledQty: listed.filled ?? 0, time }];
  return null;
}

/**
 * Settles an order the exchange may hold (unknown, or open and to be checked) by looking, never by resending: its
 * fills, then the open orders, then its status by cliOrdId. Found nowhere, it stays unknown and says so. Reads are
 * retried (they change nothing); a read that fails for good stops the settlement with the order as far as it got.
 */
export async function settleOrder(exchange: Exchange, stored: TrackedOrder, options: SettleOptions): Promise<Settlement> {
  const id = stored.clientOrderId;
  const symbol = exchangeSymbol("krakenfutures", stored.symbol);
  const target = (what: FetchTarget["what"]): FetchTarget => ({ exchange: "krakenfutures", what, symbol: stored.symbol });
  const events: BrokerEvent[] = [];
  let order = stored;
  const apply = (reported: readonly OrderEvent[]) => {
    const applied = applyOrderEvents(order, reported, options.now());
    order = applied.order;
    events.push(...applied.refused);
  };
  try {
    const { fills, problems } = fillEvents(order, await withRetry(target("fills"), () => exchange.fetchMyTrades(symbol), options.retry));
    apply(fills);
    for (const problem of problems) events.push(brokerEvent(options.now(), "report-problem", id, problem));
    if (!isTerminal(order.status)) {
      const open = (await withRetry(target("open orders"), () => exchange.fetchOpenOrders(symbol), options.retry)).filter(hasId).find((o) => concerns(order, o.id, o.clientOrderId));
      if (open !== undefined) apply([{ kind: "seen-in-open-orders", exchangeOrderId: open.id, time: options.now() }]);
      else {
        if (order.status === "open" || order.status === "partially-filled") apply([{ kind: "absent-from-open-orders", time: options.now() }]);
        const listed = (await withRetry(target("order status"), () => exchange.fetchOrders(undefined, undefined, undefined, { cliOrdIds: id }), options.retry)).filter(hasId).find((o) => concerns(order, o.id, o.clientOrderId));
        const implied = listed === undefined ? null : statusEvents(order, listed, options.now());
        if (implied !== null) apply(implied);
      }
    }
  } catch (error) {
    events.push(brokerEvent(options.now(), "read-failed", id, `settling order ${id} stopped: ${causeText(error)}; it stays ${order.status} and is not resent`));
    return { order, events };
  }
  const filled = formatNumber(filledQty(order), 8);
  if (order.status === "unknown") {
    events.push(brokerEvent(options.now(), "order-still-unknown", id, `order ${id} (${order.purpose}, ${order.symbol}) is neither among the open orders nor in Kraken's order status; it stays unknown with ${filled} filled and is not resent`));
  } else {
    events.push(brokerEvent(options.now(), "order-settled", id, `order ${id} (${order.purpose}, ${order.symbol}) is ${order.status} on the exchange, ${filled} filled`));
  }
  return { order, events };
}
