import type { AccountSummary } from "./emulated-kraken-account";
import { triggersOnRise, type EmulatedFill, type EmulatedOrder, type OrderAction, type OrderEvent } from "./emulated-kraken-orders";
import type { EmulatedPosition } from "./emulated-kraken-position";

/**
 * The emulated account's state in the JSON shapes Kraken Futures answers with, as ccxt's `parseOrder`,
 * `parseTrade`, `parsePosition` and `parseBalance` read them (field names differ per endpoint on the real API too:
 * `orderId` in order events, `order_id` in open orders, `triggerPrice` in trigger events, `stopPrice` in open orders).
 */

const iso = (ms: number): string => new Date(ms).toISOString();

/** An order inside `orderEvents` (PLACE, CANCEL, EXECUTION's `orderPriorExecution`, EDIT's `old`/`new`). */
function eventOrder(order: EmulatedOrder): Record<string, unknown> {
  return {
    orderId: order.orderId, cliOrdId: order.cliOrdId, type: order.type, symbol: order.symbol, side: order.side,
    quantity: order.size, filled: order.filled, limitPrice: order.limitPrice, stopPrice: order.stopPrice,
    reduceOnly: order.reduceOnly, timestamp: iso(order.receivedTime), lastUpdateTimestamp: iso(order.lastUpdateTime),
  };
}

/** A stop or take-profit as Kraken announces it on placement: an `orderTrigger`, ioc when it has no limit. */
function orderTrigger(order: EmulatedOrder): Record<string, unknown> {
  return {
    uid: order.orderId, clientId: order.cliOrdId, type: order.limitPrice === null ? "ioc" : "lmt", symbol: order.symbol,
    side: order.side, quantity: order.size, limitPrice: order.limitPrice, triggerPrice: order.stopPrice,
    triggerSide: triggersOnRise(order) ? "trigger_above" : "trigger_below", triggerSignal: `${order.triggerSignal ?? "last"}_price`,
    reduceOnly: order.reduceOnly, timestamp: iso(order.receivedTime), lastUpdateTimestamp: iso(order.lastUpdateTime),
  };
}

function orderEvent(event: OrderEvent): Record<string, unknown> {
  if (event.type === "EXECUTION") {
    return {
      type: "EXECUTION", executionId: event.fill.fillId, price: event.fill.price, amount: event.fill.size,
      orderPriorEdit: null, orderPriorExecution: eventOrder(event.orderPriorExecution), takerReducedQuantity: null,
    };
  }
  if (event.type === "EDIT") return { type: "EDIT", old: eventOrder(event.old), new: eventOrder(event.new), reducedQuantity: null };
  if (event.type === "PLACE" && event.order.stopPrice !== null) return { type: "PLACE", orderTrigger: orderTrigger(event.order) };
  return { type: event.type, uid: event.order.orderId, order: eventOrder(event.order), reducedQuantity: null, ...(event.reason === undefined ? {} : { reason: event.reason }) };
}

/** `sendStatus`, `cancelStatus` or `editStatus` (edit names its id `orderId`, the others `order_id`). */
export function actionStatus(action: OrderAction, idField: "order_id" | "orderId" = "order_id"): Record<string, unknown> {
  return {
    status: action.status, ...(action.orderId === null ? {} : { [idField]: action.orderId }),
    receivedTime: iso(action.receivedTime), orderEvents: action.events.map(orderEvent),
  };
}

export function cancelAllStatus(cancelled: EmulatedOrder[], symbol: string | undefined, receivedTime: number): Record<string, unknown> {
  return {
    receivedTime: iso(receivedTime), cancelOnly: symbol ?? "all", status: cancelled.length === 0 ? "noOrdersToCancel" : "cancelled",
    cancelledOrders: cancelled.map((o) => ({ order_id: o.orderId, ...(o.cliOrdId === null ? {} : { cliOrdId: o.cliOrdId }) })),
    orderEvents: cancelled.map((o) => orderEvent({ type: "CANCEL", order: o })),
  };
}

/** One entry of `openorders`: Kraken calls a stop `stop` here, and counts sizes as filled/unfilled. */
export function openOrder(order: EmulatedOrder): Record<string, unknown> {
  return {
    order_id: order.orderId, ...(order.cliOrdId === null ? {} : { cliOrdId: order.cliOrdId }), symbol: order.symbol, side: order.side,
    orderType: order.type === "stp" ? "stop" : order.type, ...(order.limitPrice === null ? {} : { limitPrice: order.limitPrice }),
    ...(order.stopPrice === null ? {} : { stopPrice: order.stopPrice, triggerSignal: order.triggerSignal }),
    unfilledSize: order.size - order.filled, filledSize: order.filled, receivedTime: iso(order.receivedTime),
    status: order.filled > 0 ? "partiallyFilled" : "untouched", reduceOnly: order.reduceOnly, lastUpdateTime: iso(order.lastUpdateTime),
  };
}

/** One entry of `orders/status`: the order and a status word ccxt maps (ENTERED_BOOK → open, …). */
export function orderStatus(order: EmulatedOrder): Record<string, unknown> {
  const isTrigger = order.stopPrice !== null;
  const status = order.state === "filled" ? "FULLY_EXECUTED" : order.state === "cancelled" ? "CANCELLED"
    : isTrigger ? "TRIGGER_PLACED" : order.filled > 0 ? "PARTIALLY_FILLED" : "ENTERED_BOOK";
  const priceTriggerOptions = isTrigger ? { priceTriggerOptions: { triggerPrice: order.stopPrice, triggerSignal: order.triggerSignal?.toUpperCase() } } : {};
  return {
    order: { ...eventOrder(order), type: isTrigger ? "TRIGGER_ORDER" : "ORDER", ...priceTriggerOptions },
    status, updateReason: null, error: null,
  };
}

export function fill(f: EmulatedFill): Record<string, unknown> {
  return {
    fill_id: f.fillId, symbol: f.symbol, side: f.side, order_id: f.orderId, ...(f.cliOrdId === null ? {} : { cliOrdId: f.cliOrdId }),
    fillTime: iso(f.fillTime), size: f.size, price: f.price, fillType: f.fillType,
  };
}

/** One entry of `openpositions`: unsigned size with a side, and the average entry price as `price`. */
export function openPosition(p: EmulatedPosition): Record<string, unknown> {
  return {
    side: p.size > 0 ? "long" : "short", symbol: p.symbol, price: p.averagePrice, fillTime: iso(p.openedAt),
    size: Math.abs(p.size), unrealizedFunding: 0, pnlCurrency: "USD",
  };
}

/** `accounts`: the multi-collateral (flex) account ccxt's fetchBalance reads by default, holding USD only. */
export function accounts(summary: AccountSummary): Record<string, unknown> {
  const equity = summary.balance + summary.unrealizedPnl;
  return {
    flex: {
      type: "multiCollateralMarginAccount",
      currencies: { USD: { quantity: summary.balance, value: summary.balance, collateral: summary.balance, available: summary.availableMargin } },
      initialMargin: summary.initialMargin, initialMarginWithOrders: summary.initialMarginWithOrders, maintenanceMargin: summary.initialMargin / 2,
      balanceValue: summary.balance, portfolioValue: equity, collateralValue: summary.balance, pnl: summary.unrealizedPnl,
      unrealizedFunding: 0, totalUnrealized: summary.unrealizedPnl, totalUnrealizedAsMargin: summary.unrealizedPnl,
      availableMargin: summary.availableMargin, marginEquity: equity,
    },
  };
}
