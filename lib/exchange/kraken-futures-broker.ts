import { OrderNotFound, type Exchange } from "ccxt";
import { formatUtc } from "@/lib/format";
import type { EnterIntent } from "@/lib/trading/intents";
import type { OrderRegistration } from "@/lib/trading/order-registry";
import { isTerminal, type NewOrder, type OrderEvent, type TrackedOrder } from "@/lib/trading/order-state";
import { registerInStore, type OrderStore } from "@/lib/trading/order-store";
import { parseExchangeOpenOrders, parseExchangePositions, type ExchangeOpenOrders, type ExchangePositions, type ToSystemSymbol } from "@/lib/trading/exchange-positions";
import { applyOrderEvents } from "./apply-order-events";
import { brokerEvent, type BrokerEvent } from "./broker-event";
import { classifyOrderFailure } from "./classify-order-failure";
import { causeText } from "./describe-remote-failure";
import { createOrderArguments, describePlacement, type OrderPlacement } from "./order-request";
import { readAccountBalance, type BalanceReading } from "./read-account-balance";
import { cancelOtherProtection, protectPosition, type ProtectionOutcome } from "./protect-position";
import { settleOrder } from "./settle-order";
import { exchangeSymbol, systemSymbol } from "./symbol-map";
import { withRetry, type RetryOptions } from "./with-retry";

export interface KrakenFuturesBrokerOptions {
  /** A ccxt krakenfutures client with the account's keys (createExchange). */
  readonly exchange: Exchange;
  readonly store: OrderStore;
  /** The clock events and order times are stamped with. Default Date.now. */
  readonly now?: () => number;
  /** Backoff of the reads (positions, fills, open orders, order status); orders themselves are never retried. */
  readonly retry?: RetryOptions;
}

/** An order after a broker action (undefined when none is stored under the id), and what the broker did. */
export interface OrderOutcome {
  readonly order: TrackedOrder | undefined;
  readonly events: readonly BrokerEvent[];
}

export interface PositionsReading {
  readonly positions: ExchangePositions;
  readonly events: readonly BrokerEvent[];
}

export interface OpenOrdersReading {
  readonly openOrders: ExchangeOpenOrders;
  readonly events: readonly BrokerEvent[];
}

export interface MarkPriceReading {
  /** Null when it could not be read; the events say why. */
  readonly markPrice: number | null;
  readonly events: readonly BrokerEvent[];
}

export interface DeadMansSwitchOutcome {
  /** When Kraken cancels every order unless refreshed first; null when arming failed. */
  readonly cancelsAt: number | null;
  readonly events: readonly BrokerEvent[];
}

/**
 * Executes lib/trading's orders on Kraken Futures through ccxt. Every order is stored before it is sent and sent at
 * most once: an answer that did not come back makes the order unknown, settled later by looking it up (fills, open
 * orders, status by cliOrdId), never by sending it again. Every action returns the events a person reads.
 */
export class KrakenFuturesBroker {
  private readonly exchange: Exchange;
  private readonly store: OrderStore;
  readonly now: () => number;
  private readonly retry: RetryOptions | undefined;

  constructor(options: KrakenFuturesBrokerOptions) {
    this.exchange = options.exchange;
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.retry = options.retry;
  }

  /** Stores a new order under its deterministic client order id (the same decision again gets the stored one). */
  register(order: NewOrder): Promise<OrderRegistration> {
    return registerInStore(this.store, order);
  }

  /**
   * Sends a registered order once. It is recorded as sent before the request leaves, so a crash in between leaves an
   * order to settle, never one that reads as unsent. Kraken's answer acknowledges it (and its fills are read when it
   * says it traded); a definite refusal rejects it; anything else leaves it unknown, to be settled, never resent.
   */
  async submit(clientOrderId: string, placement: OrderPlacement): Promise<OrderOutcome> {
    const stored = await this.store.get(clientOrderId);
    if (stored === undefined) return { order: undefined, events: [this.event("order-not-sent", clientOrderId, `order ${clientOrderId} is not registered; nothing was sent`)] };
    const what = describePlacement(stored, placement);
    if (stored.status !== "pending-submit" || stored.sentAt !== null) {
      const since = stored.sentAt === null ? "" : ` since ${formatUtc(stored.sentAt)}`;
      return { order: stored, events: [this.event("order-not-sent", clientOrderId, `order ${clientOrderId} (${what}) was sent before and is ${stored.status}${since}; it is not sent again`)] };
    }
    const args = createOrderArguments(stored, placement);
    const sent = await this.record(stored, [{ kind: "submitted", time: this.now() }]);
    if (sent.refused.length > 0) return { order: sent.order, events: [...sent.refused, this.event("order-not-sent", clientOrderId, `order ${clientOrderId} (${what}) could not be recorded as sent; nothing was sent`)] };
    const events: BrokerEvent[] = [this.event("order-sent", clientOrderId, `sent order ${clientOrderId} (${stored.purpose}): ${what}`)];
    let answer;
    try {
      answer = await this.exchange.createOrder(args.symbol, args.type, args.side, args.amount, undefined, args.params);
    } catch (error) {
      return this.failedSend(sent.order, what, error, events);
    }
    if (answer.id === undefined || answer.id === "") {
      const unknown = await this.record(sent.order, [{ kind: "send-failed-without-answer", detail: "Kraken's answer named no order id", time: this.now() }]);
      return { order: unknown.order, events: [...events, ...unknown.refused, this.event("order-unknown", clientOrderId, `order ${clientOrderId}: Kraken's answer named no order id; it is unknown until settled`)] };
    }
    const acknowledged = await this.record(sent.order, [{ kind: "acknowledged", exchangeOrderId: answer.id, time: this.now() }]);
    events.push(...acknowledged.refused, this.event("order-acknowledged", clientOrderId, `Kraken placed order ${clientOrderId} as ${answer.id} (${answer.status ?? "no status"})`));
    // The answer lists executions without their maker/taker type: the fills endpoint is read for them instead.
    if ((answer.filled ?? 0) > 0 || answer.status === "closed") {
      const settled = await this.settle(clientOrderId);
      return { order: settled.order, events: [...events, ...settled.events] };
    }
    return { order: acknowledged.order, events };
  }

  /** Settles an order by looking it up: see settleOrder. A finished order, or one never sent, is left as it is. */
  async settle(clientOrderId: string): Promise<OrderOutcome> {
    const stored = await this.store.get(clientOrderId);
    if (stored === undefined || isTerminal(stored.status) || stored.sentAt === null) return { order: stored, events: [] };
    const settled = await settleOrder(this.exchange, stored, { now: this.now, retry: this.retry });
    await this.store.put(settled.order);
    return settled;
  }

  /** Cancels a resting order by its exchange id; one the exchange no longer holds is settled instead. */
  async cancel(clientOrderId: string, why: string): Promise<OrderOutcome> {
    let order = await this.store.get(clientOrderId);
    if (order === undefined || isTerminal(order.status)) return { order, events: [] };
    const events: BrokerEvent[] = [];
    if (order.exchangeOrderId === null) {
      const settled = await this.settle(clientOrderId);
      events.push(...settled.events);
      order = settled.order;
      if (order === undefined || isTerminal(order.status)) return { order, events };
    }
    const exchangeOrderId = order.exchangeOrderId;
    if (exchangeOrderId === null) return { order, events: [...events, this.event("cancel-failed", clientOrderId, `order ${clientOrderId} cannot be cancelled (${why}): its exchange id is not known`)] };
    try {
      await this.exchange.cancelOrder(exchangeOrderId, exchangeSymbol("krakenfutures", order.symbol));
    } catch (error) {
      if (!(error instanceof OrderNotFound)) {
        return { order, events: [...events, this.event("cancel-failed", clientOrderId, `cancelling order ${clientOrderId} (${why}) failed: ${causeText(error)}; it may still rest on the exchange`)] };
      }
      // Kraken no longer holds it open: it filled or was cancelled, and its fills and status say which.
      const settled = await this.settle(clientOrderId);
      return { order: settled.order, events: [...events, ...settled.events] };
    }
    const cancelled = await this.record(order, [{ kind: "cancelled", time: this.now() }]);
    return { order: cancelled.order, events: [...events, ...cancelled.refused, this.event("order-cancelled", clientOrderId, `cancelled order ${clientOrderId} (${order.purpose}) because ${why}`)] };
  }

  /** Places the stop and take-profit of a filled entry: see protectPosition. */
  protectPosition(entry: EnterIntent): Promise<ProtectionOutcome> {
    return protectPosition(this, entry);
  }

  /** Kraken has no OCO: once one protective leg of the entry has filled, the other is cancelled here. */
  cancelOtherProtection(entry: EnterIntent): Promise<readonly BrokerEvent[]> {
    return cancelOtherProtection(this, entry);
  }

  /** The account's positions by system symbol; any failed or malformed read is `unknown` with why, never flat. */
  async readPositions(): Promise<PositionsReading> {
    const read = await this.readAccount("positions", () => this.exchange.fetchPositions(), parseExchangePositions, "flat");
    return { positions: read.reading, events: read.events };
  }

  /**
   * The account's open orders (every instrument) by system symbol, with their client ids, reduce-only flags and kinds;
   * any failed or malformed read is `unknown` with why, never "no orders".
   */
  async readOpenOrders(): Promise<OpenOrdersReading> {
    const read = await this.readAccount("open orders", () => this.exchange.fetchOpenOrders(), parseExchangeOpenOrders, "none");
    return { openOrders: read.reading, events: read.events };
  }

  /** The instrument's mark price (what stops trigger on), or null with why. */
  async readMarkPrice(symbol: string): Promise<MarkPriceReading> {
    let markPrice: unknown;
    try {
      const ticker = await withRetry({ exchange: "krakenfutures", what: "mark price", symbol }, () => this.exchange.fetchTicker(exchangeSymbol("krakenfutures", symbol)), this.retry);
      markPrice = ticker.markPrice;
    } catch (error) {
      return { markPrice: null, events: [this.event("read-failed", null, `reading the mark price of ${symbol} failed: ${causeText(error)}`)] };
    }
    if (typeof markPrice === "number" && markPrice > 0 && Number.isFinite(markPrice)) return { markPrice, events: [] };
    return { markPrice: null, events: [this.event("read-failed", null, `Kraken's ticker for ${symbol} held no readable mark price`)] };
  }

  /**
   * Disarms the dead man's switch (a trader stopping on request): its protective orders then stay on the exchange
   * while no process refreshes the switch. A process that dies cannot do this, and the switch cancels everything.
   */
  async disarmDeadMansSwitch(): Promise<readonly BrokerEvent[]> {
    try {
      // Called as the trader stops, often because its signal was aborted: this last request must not be aborted too.
      await withRetry({ exchange: "krakenfutures", what: "dead man's switch", symbol: "account" }, () => this.exchange.cancelAllOrdersAfter(0), { ...this.retry, signal: undefined });
    } catch (error) {
      return [this.event("dead-mans-switch-failed", null, `disarming the dead man's switch failed: ${causeText(error)}; Kraken will cancel every order when it fires`)];
    }
    return [this.event("dead-mans-switch", null, "dead man's switch disarmed: the trader stopped on request, its stops stay on the exchange")];
  }

  /** The account's balance and margin (a private read, so it also tells whether the keys work), or unknown with why. */
  readBalance(): Promise<BalanceReading> {
    return readAccountBalance(this.exchange, this.now, this.retry);
  }

  /**
   * `qty` cut down to what Kraken trades in the instrument (ccxt truncates the size it sends the same way): the ledger
   * stores the size the exchange will hold, or the two would never agree. 0 when less than one step.
   */
  async orderQty(symbol: string, qty: number): Promise<number> {
    const market = exchangeSymbol("krakenfutures", symbol);
    await withRetry({ exchange: "krakenfutures", what: "markets", symbol }, () => this.exchange.loadMarkets(), this.retry);
    const rounded = Number(this.exchange.amountToPrecision(market, qty));
    return Number.isFinite(rounded) && rounded > 0 ? rounded : 0;
  }

  /**
   * Cancels every order of the account on the exchange, the ledger's and any other, the first step of a halt. The
   * ledger's own orders are cancelled one by one before this (see flattenAccount), so this catches the rest.
   */
  async cancelAllOrders(why: string): Promise<readonly BrokerEvent[]> {
    try {
      await withRetry({ exchange: "krakenfutures", what: "cancel all orders", symbol: "account" }, () => this.exchange.cancelAllOrders(), this.retry);
    } catch (error) {
      return [this.event("cancel-failed", null, `cancelling every order of the account (${why}) failed: ${causeText(error)}; orders may still rest on the exchange`)];
    }
    return [this.event("order-cancelled", null, `cancelled every order of the account on the exchange because ${why}`)];
  }

  /**
   * Arms Kraken's dead man's switch for `seconds`: unless this is called again before then, Kraken cancels every
   * order of the account, so a dead process leaves nothing resting. Re-arming is idempotent, so it is retried.
   */
  async refreshDeadMansSwitch(seconds: number): Promise<DeadMansSwitchOutcome> {
    // ccxt sends 0 for anything not above 0, and 0 disarms the switch: a bad value must not turn it off unnoticed.
    if (!Number.isInteger(seconds) || seconds <= 0) {
      return { cancelsAt: null, events: [this.event("dead-mans-switch-failed", null, `the dead man's switch was not refreshed: ${seconds} is not a whole number of seconds above 0`)] };
    }
    let answer: unknown;
    try {
      answer = await withRetry({ exchange: "krakenfutures", what: "dead man's switch", symbol: "account" }, () => this.exchange.cancelAllOrdersAfter(seconds * 1000), this.retry);
    } catch (error) {
      return { cancelsAt: null, events: [this.event("dead-mans-switch-failed", null, `refreshing the dead man's switch for ${seconds} s failed: ${causeText(error)}`)] };
    }
    const triggerTime = Date.parse(String((answer as { status?: { triggerTime?: unknown } } | undefined)?.status?.triggerTime));
    if (!Number.isFinite(triggerTime)) {
      return { cancelsAt: null, events: [this.event("dead-mans-switch-failed", null, `Kraken's answer to refreshing the dead man's switch for ${seconds} s named no trigger time`)] };
    }
    return { cancelsAt: triggerTime, events: [this.event("dead-mans-switch", null, `dead man's switch armed: Kraken cancels every order at ${formatUtc(triggerTime)} unless refreshed first`)] };
  }

  private async failedSend(order: TrackedOrder, what: string, error: unknown, events: BrokerEvent[]): Promise<OrderOutcome> {
    const id = order.clientOrderId;
    const failure = classifyOrderFailure(error);
    if (failure.kind === "refused") {
      const rejected = await this.record(order, [{ kind: "rejected", reason: failure.reason, time: this.now() }]);
      return { order: rejected.order, events: [...events, ...rejected.refused, this.event("order-rejected", id, `order ${id} (${what}) was rejected: ${failure.reason}`)] };
    }
    const detail = failure.kind === "duplicate-id" ? `Kraken already holds an order with this client id (${failure.detail})` : failure.detail;
    const unknown = await this.record(order, [{ kind: "send-failed-without-answer", detail, time: this.now() }]);
    events.push(...unknown.refused, this.event("order-unknown", id, `order ${id} (${what}) got no answer: ${detail}; it may be on the exchange and is not resent`));
    if (failure.kind === "no-answer") return { order: unknown.order, events };
    const settled = await this.settle(id);
    return { order: settled.order, events: [...events, ...settled.events] };
  }

  /** Applies the events to the order and stores the result before anything else happens. */
  private async record(order: TrackedOrder, reported: readonly OrderEvent[]): Promise<{ order: TrackedOrder; refused: BrokerEvent[] }> {
    const applied = applyOrderEvents(order, reported, this.now());
    await this.store.put(applied.order);
    return applied;
  }

  /**
   * One account-wide read: retried (reads are safe to repeat), then parsed; a failed read or a malformed answer is
   * `unknown` with why, and an event saying it is not read as `emptyMeans`.
   */
  private async readAccount<R extends ExchangePositions | ExchangeOpenOrders>(
    what: "positions" | "open orders",
    fetch: () => Promise<unknown>,
    parse: (answer: unknown, toSystemSymbol: ToSystemSymbol, readAt: number) => R,
    emptyMeans: string,
  ): Promise<{ reading: R | { kind: "unknown"; reason: string }; events: BrokerEvent[] }> {
    let answer: unknown;
    try {
      answer = await withRetry({ exchange: "krakenfutures", what, symbol: "account" }, fetch, this.retry);
    } catch (error) {
      return this.unknownReading(what, `reading them failed: ${causeText(error)}`, emptyMeans);
    }
    const reading = parse(answer, (market) => systemSymbol("krakenfutures", market), this.now());
    return reading.kind === "known" ? { reading, events: [] } : this.unknownReading(what, reading.reason, emptyMeans);
  }

  private unknownReading(what: "positions" | "open orders", reason: string, emptyMeans: string): { reading: { kind: "unknown"; reason: string }; events: BrokerEvent[] } {
    const kind = what === "positions" ? "positions-unknown" : "open-orders-unknown";
    return { reading: { kind: "unknown", reason }, events: [this.event(kind, null, `the exchange's ${what} are unknown (${reason}); not read as ${emptyMeans}`)] };
  }

  private event(kind: BrokerEvent["kind"], clientOrderId: string | null, message: string): BrokerEvent {
    return brokerEvent(this.now(), kind, clientOrderId, message);
  }
}
