import { formatNumber } from "@/lib/format";
import type { TrackedOrder } from "@/lib/trading/order-state";
import { exchangeSymbol } from "./symbol-map";

/** How an order is placed: at market, or as a trigger order resting on the exchange until its price is reached. */
export type OrderPlacement =
  | { readonly kind: "market" }
  | { readonly kind: "stop"; readonly triggerPrice: number }
  | { readonly kind: "take-profit"; readonly triggerPrice: number };

/** ccxt `createOrder(symbol, type, side, amount, price, params)` for one tracked order. */
export interface CreateOrderArguments {
  readonly symbol: string;
  readonly type: "market";
  readonly side: TrackedOrder["side"];
  readonly amount: number;
  readonly params: Record<string, string | number | boolean>;
}

/** A protective order that is not reduce-only could open a position when it triggers at flat. */
export class OrderRequestError extends Error {
  readonly code = "EXCHANGE_ORDER_REQUEST";
  constructor(message: string) {
    super(message);
    this.name = "OrderRequestError";
  }
}

/**
 * The ccxt call that sends `order` to Kraken Futures: its cliOrdId is the stored client order id (ccxt's
 * `clientOrderId` param), so a lost answer can be looked up by it. Stops trigger on the mark price, so one trade
 * printed far off on a thin book does not stop the position out; take-profits on the last traded price, the price
 * they can fill at. Both execute at market once triggered: an exit that must happen is never a limit that may not fill.
 */
export function createOrderArguments(order: TrackedOrder, placement: OrderPlacement): CreateOrderArguments {
  const base = { symbol: exchangeSymbol("krakenfutures", order.symbol), type: "market" as const, side: order.side, amount: order.qty };
  const params: Record<string, string | number | boolean> = { clientOrderId: order.clientOrderId };
  if (order.reduceOnly) params.reduceOnly = true;
  if (placement.kind === "market") return { ...base, params };
  if (!order.reduceOnly) throw new OrderRequestError(`${placement.kind} order ${order.clientOrderId} is not reduce-only; a protective order must only shrink a position`);
  if (placement.kind === "stop") return { ...base, params: { ...params, stopLossPrice: placement.triggerPrice, triggerSignal: "mark" } };
  return { ...base, params: { ...params, takeProfitPrice: placement.triggerPrice, triggerSignal: "last" } };
}

/** `stop sell 0.1 BTCUSDT.P at 48,000 (mark), reduce-only`: the order as its events name it. */
export function describePlacement(order: TrackedOrder, placement: OrderPlacement): string {
  const what = `${order.side} ${formatNumber(order.qty, 8)} ${order.symbol}${order.reduceOnly ? ", reduce-only" : ""}`;
  if (placement.kind === "market") return `market ${what}`;
  const signal = placement.kind === "stop" ? "mark" : "last";
  return `${placement.kind} ${what}, triggered at ${formatNumber(placement.triggerPrice, 2)} (${signal} price)`;
}
