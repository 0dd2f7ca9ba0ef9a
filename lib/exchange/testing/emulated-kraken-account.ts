import { randomUUID } from "node:crypto";
import {
  crosses, isOrderType, isTriggered, limitOf, sideSign, type EditOrderRequest, type EmulatedFill, type EmulatedOrder,
  type MarketPrice, type OrderAction, type OrderEvent, type OrderSide, type SendOrderRequest, type TriggerSignal,
} from "./emulated-kraken-orders";
import { applyFill, type EmulatedPosition } from "./emulated-kraken-position";

/**
 * The trading state behind the emulator's private endpoints: one USD margin account, its orders, positions and fills,
 * matched against prices the test sets with `setPrice`. Plain data, no http; statuses are Kraken's own words
 * (`placed`, `wouldNotReducePosition`, …) so the http layer only reshapes them.
 *
 * Matching is deliberately simple: liquidity is unlimited at the last price. A market order fills at last ± slippage
 * (taker); a limit order crossing on arrival fills at last (taker, never beyond its limit), otherwise it rests and
 * fills at its limit when last reaches it (maker); a stop or take-profit triggers on its `triggerSignal` (mark or
 * last) and then fills as a market order, or rests as a limit order when it has a limit price.
 */

export interface EmulatedAccountOptions {
  /** Starting USD balance. Default 10,000. */
  balanceUsd?: number;
  /** Market orders fill this fraction away from last, against the trader, on the tick grid. Default 0. */
  slippage?: number;
  /** Price grid of slipped fills (the emulator's instruments say 0.5). Default 0.5. */
  tickSize?: number;
  /** Initial margin per unit of notional (the emulator's instruments say 0.02). Default 0.02. */
  initialMargin?: number;
  takerFee?: number;
  makerFee?: number;
  /** A limit crossing on arrival this fraction or more away from mark is refused (fat-finger control). Default 0.1. */
  priceCollar?: number;
  /** The account's clock (fills, the dead man's switch); injectable so tests need not sleep. Default Date.now. */
  now?: () => number;
}

export interface AccountSummary {
  balance: number;
  unrealizedPnl: number;
  initialMargin: number;
  initialMarginWithOrders: number;
  availableMargin: number;
}

export class EmulatedKrakenAccount {
  private readonly orders: EmulatedOrder[] = [];
  readonly fills: EmulatedFill[] = [];
  private readonly positionsBySymbol = new Map<string, EmulatedPosition>();
  private readonly prices = new Map<string, MarketPrice>();
  private balance: number;
  private readonly slippage: number;
  private readonly tickSize: number;
  private readonly initialMarginRate: number;
  private readonly takerFee: number;
  private readonly makerFee: number;
  private readonly priceCollar: number;
  readonly now: () => number;
  /** When the dead man's switch cancels every order, or null when it is disarmed. */
  private deadline: number | null = null;
  private openOrdersLagMs = 0;

  constructor(options: EmulatedAccountOptions = {}) {
    this.balance = options.balanceUsd ?? 10_000;
    this.slippage = options.slippage ?? 0;
    this.tickSize = options.tickSize ?? 0.5;
    this.initialMarginRate = options.initialMargin ?? 0.02;
    this.takerFee = options.takerFee ?? 0.0005;
    this.makerFee = options.makerFee ?? 0.0002;
    this.priceCollar = options.priceCollar ?? 0.1;
    this.now = options.now ?? Date.now;
  }

  /** Moves a market: resting and trigger orders that the new price reaches fill now. */
  setPrice(symbol: string, price: MarketPrice): OrderEvent[] {
    this.expireDeadline();
    this.prices.set(symbol, price);
    return this.match(symbol);
  }

  /** The last and mark price set for `symbol`, or undefined before the test set one. */
  price(symbol: string): MarketPrice | undefined {
    return this.prices.get(symbol);
  }

  positions(): EmulatedPosition[] {
    this.expireDeadline();
    return [...this.positionsBySymbol.values()].filter((p) => p.size !== 0);
  }

  /** Every order ever sent, rejected ones included, oldest first. */
  knownOrders(): EmulatedOrder[] {
    this.expireDeadline();
    return [...this.orders];
  }

  openOrders(): EmulatedOrder[] {
    this.expireDeadline();
    return this.orders.filter((o) => o.state === "open");
  }

  /**
   * Kraken's views are not updated together: for `ms` after it arrives, an order is missing from `openorders` while
   * its fills already show. A fault for reconciliation tests; 0 turns it off.
   */
  setOpenOrdersLag(ms: number): void {
    this.openOrdersLagMs = ms;
  }

  /** What `openorders` reports, the lag applied. */
  reportedOpenOrders(): EmulatedOrder[] {
    const now = this.now();
    return this.openOrders().filter((o) => now - o.receivedTime >= this.openOrdersLagMs);
  }

  findOrder(orderId: string | undefined, cliOrdId: string | undefined): EmulatedOrder | undefined {
    return this.orders.find((o) => (orderId !== undefined && o.orderId === orderId) || (cliOrdId !== undefined && o.cliOrdId === cliOrdId));
  }

  summary(): AccountSummary {
    this.expireDeadline();
    let unrealizedPnl = 0;
    let initialMargin = 0;
    for (const p of this.positionsBySymbol.values()) {
      const mark = this.prices.get(p.symbol)?.mark ?? p.averagePrice;
      unrealizedPnl += p.size * (mark - p.averagePrice);
      initialMargin += Math.abs(p.size) * mark * this.initialMarginRate;
    }
    let orderMargin = 0;
    for (const o of this.openOrders()) orderMargin += this.marginToAdd(o.symbol, o.side, o.size - o.filled, this.referencePrice(o));
    const initialMarginWithOrders = initialMargin + orderMargin;
    return { balance: this.balance, unrealizedPnl, initialMargin, initialMarginWithOrders, availableMargin: this.balance + unrealizedPnl - initialMarginWithOrders };
  }

  sendOrder(request: SendOrderRequest): OrderAction {
    this.expireDeadline();
    const receivedTime = this.now();
    const refuse = (status: string): OrderAction => ({ status, orderId: null, receivedTime, events: [] });
    if (request.side !== "buy" && request.side !== "sell") return refuse("invalidSide");
    const type = request.orderType;
    if (!isOrderType(type)) return refuse("invalidOrderType");
    if (!(request.size > 0) || !Number.isFinite(request.size)) return refuse("invalidSize");
    const isTrigger = type === "stp" || type === "take_profit";
    const needsLimit = type === "lmt" || type === "post";
    if ((needsLimit && !(Number(request.limitPrice) > 0)) || (isTrigger && !(Number(request.stopPrice) > 0))) return refuse("invalidPrice");
    // a client id names one order for good: a retry of a send that got no answer must never place a second one
    if (request.cliOrdId !== undefined && this.findOrder(undefined, request.cliOrdId) !== undefined) return refuse("clientOrderIdAlreadyExist");
    const price = this.prices.get(request.symbol);
    if (price === undefined) return refuse("marketSuspended");
    const order: EmulatedOrder = {
      orderId: randomUUID(), cliOrdId: request.cliOrdId ?? null, symbol: request.symbol, side: request.side, type,
      size: request.size, filled: 0, limitPrice: request.limitPrice ?? null, stopPrice: isTrigger ? (request.stopPrice ?? null) : null,
      triggerSignal: isTrigger ? this.triggerSignalOf(request.triggerSignal) : null, reduceOnly: request.reduceOnly === true,
      receivedTime, lastUpdateTime: receivedTime, state: "open",
    };
    const rejection = this.rejectionOf(order, price);
    if (rejection !== undefined) {
      order.state = "cancelled";
      this.orders.push(order);
      return { status: rejection, orderId: order.orderId, receivedTime, events: [{ type: "REJECT", order: { ...order }, reason: rejection }] };
    }
    this.orders.push(order);
    if (type === "mkt") return { status: "placed", orderId: order.orderId, receivedTime, events: [this.execute(order, this.slipped(order.side, price.last), "taker")] };
    if (!isTrigger && crosses(order, price.last)) {
      const fillPrice = order.side === "buy" ? Math.min(price.last, limitOf(order)) : Math.max(price.last, limitOf(order));
      return { status: "placed", orderId: order.orderId, receivedTime, events: [this.execute(order, fillPrice, "taker")] };
    }
    return { status: "placed", orderId: order.orderId, receivedTime, events: [{ type: "PLACE", order: { ...order } }] };
  }

  cancelOrder(orderId: string | undefined, cliOrdId: string | undefined): OrderAction {
    this.expireDeadline();
    const receivedTime = this.now();
    const order = this.findOrder(orderId, cliOrdId);
    if (order === undefined || order.state === "cancelled") return { status: "notFound", orderId: orderId ?? null, receivedTime, events: [] };
    if (order.state === "filled") return { status: "filled", orderId: order.orderId, receivedTime, events: [] };
    this.cancel(order);
    return { status: "cancelled", orderId: order.orderId, receivedTime, events: [{ type: "CANCEL", order: { ...order } }] };
  }

  /** Cancels every open order (of one symbol, if given); returns what was cancelled. */
  cancelAll(symbol?: string): EmulatedOrder[] {
    this.expireDeadline();
    const cancelled = this.openOrders().filter((o) => symbol === undefined || o.symbol.toLowerCase() === symbol.toLowerCase());
    for (const order of cancelled) this.cancel(order);
    return cancelled.map((o) => ({ ...o }));
  }

  /** Arms (or with 0, disarms) the dead man's switch: unless called again within `timeoutSeconds`, all orders go. */
  cancelAllAfter(timeoutSeconds: number): number | null {
    this.expireDeadline();
    this.deadline = timeoutSeconds > 0 ? this.now() + timeoutSeconds * 1000 : null;
    return this.deadline;
  }

  editOrder(request: EditOrderRequest): OrderAction {
    this.expireDeadline();
    const receivedTime = this.now();
    const order = this.findOrder(request.orderId, request.cliOrdId);
    if (order === undefined || order.state !== "open") return { status: "orderForEditNotFound", orderId: request.orderId ?? null, receivedTime, events: [] };
    if (request.stopPrice !== undefined && order.stopPrice === null) return { status: "orderForEditNotAStop", orderId: order.orderId, receivedTime, events: [] };
    if (request.size !== undefined && !(request.size > order.filled)) return { status: "invalidSize", orderId: order.orderId, receivedTime, events: [] };
    const old = { ...order };
    if (request.size !== undefined) order.size = request.size;
    if (request.limitPrice !== undefined) order.limitPrice = request.limitPrice;
    if (request.stopPrice !== undefined) order.stopPrice = request.stopPrice;
    order.lastUpdateTime = receivedTime;
    const events: OrderEvent[] = [{ type: "EDIT", old, new: { ...order } }];
    return { status: "edited", orderId: order.orderId, receivedTime, events: [...events, ...this.match(order.symbol)] };
  }

  /** Fills part of a resting order at its limit (as if someone traded against it): for partial-fill sessions. */
  partialFill(orderId: string, size: number): OrderEvent {
    const order = this.findOrder(orderId, undefined);
    if (order === undefined || order.state !== "open" || order.limitPrice === null) throw new Error(`order ${orderId} is not a resting limit order`);
    if (!(size > 0 && size < order.size - order.filled)) throw new Error(`a partial fill of ${size} does not leave order ${orderId} open`);
    return this.execute(order, order.limitPrice, "maker", size);
  }

  private triggerSignalOf(signal: string | undefined): TriggerSignal {
    return signal === "mark" || signal === "index" ? signal : "last";
  }

  /** Why Kraken would refuse the order on arrival, or undefined. */
  private rejectionOf(order: EmulatedOrder, price: MarketPrice): string | undefined {
    const position = this.positionsBySymbol.get(order.symbol)?.size ?? 0;
    if (order.reduceOnly && !(position * sideSign(order.side) < 0)) return "wouldNotReducePosition";
    const limit = order.limitPrice;
    if (order.type === "post" && crosses(order, price.last)) return "postWouldExecute";
    if (limit !== null && order.stopPrice === null && crosses(order, price.last) && Math.abs(limit - price.mark) >= this.priceCollar * price.mark) return "outsidePriceCollar";
    if (!order.reduceOnly && this.marginToAdd(order.symbol, order.side, order.size, this.referencePrice(order)) > this.summary().availableMargin) return "insufficientAvailableFunds";
    return undefined;
  }

  /** Margin an order adds: only the part that grows the position's size needs any. */
  private marginToAdd(symbol: string, side: OrderSide, size: number, price: number): number {
    const position = this.positionsBySymbol.get(symbol)?.size ?? 0;
    const growth = Math.max(0, Math.abs(position + sideSign(side) * size) - Math.abs(position));
    return growth * price * this.initialMarginRate;
  }

  private referencePrice(order: EmulatedOrder): number {
    return order.limitPrice ?? order.stopPrice ?? this.prices.get(order.symbol)?.last ?? 0;
  }

  /** Last moved against the trader, rounded to the tick away from them (the epsilon absorbs float noise). */
  private slipped(side: OrderSide, last: number): number {
    const ticks = (last * (1 + sideSign(side) * this.slippage)) / this.tickSize;
    return (side === "buy" ? Math.ceil(ticks - 1e-9) : Math.floor(ticks + 1e-9)) * this.tickSize;
  }

  private match(symbol: string): OrderEvent[] {
    const price = this.prices.get(symbol);
    if (price === undefined) return [];
    const events: OrderEvent[] = [];
    for (const order of this.openOrders().filter((o) => o.symbol === symbol)) {
      if (order.stopPrice !== null) {
        if (!isTriggered(order, price)) continue;
        if (order.limitPrice === null) {
          events.push(this.execute(order, this.slipped(order.side, price.last), "taker"));
          continue;
        }
        // a triggered stop-limit becomes a plain limit order
        order.stopPrice = null;
        order.type = "lmt";
        order.lastUpdateTime = this.now();
      }
      if (order.state === "open" && crosses(order, price.last)) events.push(this.execute(order, limitOf(order), "maker"));
    }
    return events;
  }

  /** Fills `size` (default: the rest) of an order; a reduce-only order never fills past flat, and is cancelled at flat. */
  private execute(order: EmulatedOrder, price: number, fillType: "maker" | "taker", size = order.size - order.filled): OrderEvent {
    const prior = { ...order };
    const position = this.positionsBySymbol.get(order.symbol)?.size ?? 0;
    const fillSize = order.reduceOnly ? Math.min(size, position * sideSign(order.side) < 0 ? Math.abs(position) : 0) : size;
    const now = this.now();
    if (fillSize === 0) {
      this.cancel(order);
      return { type: "CANCEL", order: { ...order }, reason: "REDUCE_ONLY_POSITION_FLAT" }; // the emulator's word, not Kraken's
    }
    const fill: EmulatedFill = {
      fillId: randomUUID(), orderId: order.orderId, cliOrdId: order.cliOrdId, symbol: order.symbol, side: order.side,
      size: fillSize, price, fillType, fillTime: now,
    };
    this.fills.push(fill);
    this.applyToPosition(fill);
    order.filled += fillSize;
    order.lastUpdateTime = now;
    if (order.filled >= order.size) order.state = "filled";
    else if (fillSize < size) order.state = "cancelled"; // a reduce-only order cut short at flat has nothing left to do
    return { type: "EXECUTION", orderPriorExecution: prior, fill };
  }

  private applyToPosition(fill: EmulatedFill): void {
    const position = this.positionsBySymbol.get(fill.symbol) ?? { symbol: fill.symbol, size: 0, averagePrice: 0, openedAt: fill.fillTime };
    this.balance += applyFill(position, fill) - fill.size * fill.price * (fill.fillType === "maker" ? this.makerFee : this.takerFee);
    this.positionsBySymbol.set(fill.symbol, position);
  }

  private cancel(order: EmulatedOrder): void {
    order.state = "cancelled";
    order.lastUpdateTime = this.now();
  }

  /** The dead man's switch, checked lazily on every action: past the deadline, every open order is cancelled once. */
  private expireDeadline(): void {
    if (this.deadline === null || this.now() < this.deadline) return;
    this.deadline = null;
    for (const order of this.orders) if (order.state === "open") this.cancel(order);
  }
}
