/** Orders, fills and order events of the emulated Kraken account, and the price rules they follow. */

export type OrderSide = "buy" | "sell";
/** The `orderType`s the emulator accepts: market, limit, post-only limit, stop, take-profit. */
const ORDER_TYPES = ["mkt", "lmt", "post", "stp", "take_profit"] as const;
export type KrakenOrderType = (typeof ORDER_TYPES)[number];

export function isOrderType(value: string): value is KrakenOrderType {
  return (ORDER_TYPES as readonly string[]).includes(value);
}

export type TriggerSignal = "mark" | "last" | "index";
export type OrderState = "open" | "filled" | "cancelled";

export interface EmulatedOrder {
  orderId: string;
  cliOrdId: string | null;
  symbol: string;
  side: OrderSide;
  type: KrakenOrderType;
  size: number;
  filled: number;
  limitPrice: number | null;
  stopPrice: number | null;
  triggerSignal: TriggerSignal | null;
  reduceOnly: boolean;
  receivedTime: number;
  lastUpdateTime: number;
  state: OrderState;
}

export interface EmulatedFill {
  fillId: string;
  orderId: string;
  cliOrdId: string | null;
  symbol: string;
  side: OrderSide;
  size: number;
  price: number;
  fillType: "maker" | "taker";
  fillTime: number;
}

/** One thing that happened to an order during an action, as Kraken lists it in `orderEvents`. */
export type OrderEvent =
  | { type: "PLACE" | "CANCEL" | "REJECT"; order: EmulatedOrder; reason?: string }
  | { type: "EXECUTION"; orderPriorExecution: EmulatedOrder; fill: EmulatedFill }
  | { type: "EDIT"; old: EmulatedOrder; new: EmulatedOrder };

/** The answer to an order action: Kraken's status word (`placed`, `cancelled`, `notFound`, …) and its events. */
export interface OrderAction {
  status: string;
  orderId: string | null;
  receivedTime: number;
  events: OrderEvent[];
}

export interface SendOrderRequest {
  symbol: string;
  side: string;
  orderType: string;
  size: number;
  limitPrice?: number;
  stopPrice?: number;
  triggerSignal?: string;
  reduceOnly?: boolean;
  cliOrdId?: string;
}

export interface EditOrderRequest {
  orderId?: string;
  cliOrdId?: string;
  size?: number;
  limitPrice?: number;
  stopPrice?: number;
}

export interface MarketPrice {
  last: number;
  mark: number;
}

export const sideSign = (side: OrderSide): 1 | -1 => (side === "buy" ? 1 : -1);

/** A stop fires when price rises to it if it buys (closing a short), a take-profit when price falls to it if it buys. */
export function triggersOnRise(order: EmulatedOrder): boolean {
  return (order.type === "stp") === (order.side === "buy");
}

export function isTriggered(order: EmulatedOrder, price: MarketPrice): boolean {
  const signal = order.triggerSignal === "last" ? price.last : price.mark;
  const stop = order.stopPrice ?? NaN;
  return triggersOnRise(order) ? signal >= stop : signal <= stop;
}

/** The worst price an order accepts; a market order accepts any. */
export function limitOf(order: EmulatedOrder): number {
  return order.limitPrice ?? (order.side === "buy" ? Infinity : -Infinity);
}

/** Whether an order would trade at `last`. */
export function crosses(order: EmulatedOrder, last: number): boolean {
  return order.side === "buy" ? last <= limitOf(order) : last >= limitOf(order);
}
