import { randomBytes } from "node:crypto";
import { AuthenticationError, DuplicateOrderId, ExchangeError, ExchangeNotAvailable, InsufficientFunds, InvalidOrder, OrderNotFound, RequestTimeout, type Exchange, type Order } from "ccxt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExchange } from "./create-exchange";
import { classifyFailure } from "./with-retry";
import type { EmulatedAccountOptions } from "./testing/emulated-kraken-account";
import { krakenAuthent } from "./testing/kraken-authent";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "./testing/kraken-futures-emulator";
import { plantExchangeKeys } from "./testing/plant-exchange-keys";

const BTC = "BTC/USD:USD";
const KEY = "emulator-public-key";
const SECRET = randomBytes(64).toString("base64");
const START = Date.UTC(2024, 0, 2);

let emulator: KrakenFuturesEmulator;
let running: KrakenFuturesEmulator | undefined;
let exchange: Exchange;
let clock = START;
/** Undoes the keys a session planted in the environment. */
let restoreKeys: () => void = () => {};

/** An emulator accepting KEY/SECRET, BTC at 50,000, and a ccxt client signing with the keys in the environment. */
async function session(account: EmulatedAccountOptions = {}, keys = { apiKey: KEY, secret: SECRET }, timeoutMs = 2000): Promise<void> {
  await running?.stop();
  emulator = await startKrakenFuturesEmulator({ credentials: { apiKey: KEY, secret: SECRET }, account: { now: () => clock, ...account } });
  running = emulator;
  emulator.account.setPrice("PF_XBTUSD", { last: 50_000, mark: 50_000 });
  restoreKeys();
  restoreKeys = plantExchangeKeys(keys.apiKey, keys.secret);
  exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1, timeoutMs });
  await exchange.loadMarkets();
}

/** createOrder, with the id ccxt must have parsed. */
async function place(...args: Parameters<Exchange["createOrder"]>): Promise<Order & { id: string }> {
  const order = await exchange.createOrder(...args);
  if (order.id === undefined) return expect.fail("ccxt parsed no order id");
  return { ...order, id: order.id };
}

/** What cancelAllOrdersAfter answers: Kraken's response as is. */
async function armDeadMansSwitch(timeoutMs: number): Promise<{ status: { triggerTime: string } }> {
  return (await exchange.cancelAllOrdersAfter(timeoutMs)) as { status: { triggerTime: string } };
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => expect.fail("expected the call to throw"), (error: unknown) => error);
}

beforeEach(() => {
  clock = START;
});

afterEach(async () => {
  restoreKeys();
  restoreKeys = () => {};
  await running?.stop();
  running = undefined;
});

describe("Kraken Futures authentication", () => {
  it("accepts ccxt's signature and refuses a wrong secret or an unknown key with AuthenticationError", async () => {
    await session();
    const balance = await exchange.fetchBalance();
    expect(balance.USD?.total, "the flex account's USD balance").toBe(10_000);

    await session({}, { apiKey: KEY, secret: randomBytes(64).toString("base64") });
    expect(await thrown(exchange.fetchBalance())).toBeInstanceOf(AuthenticationError);
    expect(await thrown(exchange.createOrder(BTC, "market", "buy", 0.1))).toBeInstanceOf(AuthenticationError);
    expect(emulator.account.knownOrders(), "a refused request places nothing").toHaveLength(0);

    await session({}, { apiKey: "someone-else", secret: SECRET });
    expect(await thrown(exchange.fetchPositions())).toBeInstanceOf(AuthenticationError);
  });

  it("answers an unsigned request with Kraken's authenticationError body", async () => {
    await session();
    const response = await fetch(`${emulator.baseUrl}/derivatives/api/v3/openpositions`, { headers: { APIKey: KEY } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ result: "error", error: "authenticationError" });
  });

  it("computes the Authent ccxt's sign() sends: query string and /api/v3 path, no nonce", async () => {
    await session();
    const signed = exchange.sign("sendorder", "private", "POST", { symbol: "PF_XBTUSD", side: "buy", size: "0.1" }) as { url: string; headers: Record<string, string> };
    expect(signed.url).toBe(`${emulator.baseUrl}/derivatives/api/v3/sendorder?symbol=PF_XBTUSD&side=buy&size=0.1`);
    expect(signed.headers.Authent).toBe(krakenAuthent(SECRET, "symbol=PF_XBTUSD&side=buy&size=0.1", "", "/api/v3/sendorder"));
    const unparameterised = exchange.sign("openpositions", "private", "GET", {}) as { headers: Record<string, string> };
    expect(unparameterised.headers.Authent).toBe(krakenAuthent(SECRET, "", "", "/api/v3/openpositions"));
  });

  it("signs the nonce when one is sent, and the exact query string", async () => {
    const base = krakenAuthent(SECRET, "symbol=PF_XBTUSD", "", "/api/v3/sendorder");
    expect(krakenAuthent(SECRET, "symbol=PF_XBTUSD", "1415957147987", "/api/v3/sendorder")).not.toBe(base);
    expect(krakenAuthent(SECRET, "symbol=PF_ETHUSD", "", "/api/v3/sendorder")).not.toBe(base);
    expect(krakenAuthent(SECRET, "symbol=PF_XBTUSD", "", "/api/v3/cancelorder")).not.toBe(base);
  });
});

describe("Kraken Futures trading through ccxt", () => {
  it("fills a market order at last plus slippage: the position, the taker fill and the balance show it", async () => {
    await session({ slippage: 0.001 });
    const order = await place(BTC, "market", "buy", 0.1);
    expect(order).toMatchObject({ status: "closed", filled: 0.1, average: 50_050, side: "buy" });

    const positions = await exchange.fetchPositions();
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ symbol: BTC, side: "long", contracts: 0.1, entryPrice: 50_050 });

    const trades = await exchange.fetchMyTrades();
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ order: order.id, side: "buy", amount: 0.1, price: 50_050, takerOrMaker: "taker" });

    const balance = await exchange.fetchBalance();
    expect(balance.USD?.total, "the taker fee is paid from the balance").toBeCloseTo(10_000 - 0.1 * 50_050 * 0.0005, 6);
    expect(balance.USD?.free, "the position's initial margin is not free").toBeLessThan(10_000 - 100);
  });

  it("places a reduce-only stop and take-profit; the take-profit fills, the position is flat and the stop never reopens it", async () => {
    await session();
    await place(BTC, "market", "buy", 0.1);
    const stop = await place(BTC, "market", "sell", 0.1, undefined, { stopLossPrice: 48_000, triggerSignal: "mark" });
    const target = await place(BTC, "market", "sell", 0.1, undefined, { takeProfitPrice: 53_000 });
    expect(stop).toMatchObject({ status: "open", triggerPrice: 48_000, reduceOnly: true });
    expect(target).toMatchObject({ status: "open", triggerPrice: 53_000, reduceOnly: true });
    const open = await exchange.fetchOpenOrders();
    expect(open.map((o) => o.id).sort()).toEqual([stop.id, target.id].sort());

    clock += 1000;
    emulator.account.setPrice("PF_XBTUSD", { last: 52_000, mark: 52_000 });
    expect(await exchange.fetchPositions(), "nothing triggers below the take-profit").toHaveLength(1);
    clock += 1000;
    emulator.account.setPrice("PF_XBTUSD", { last: 53_500, mark: 53_400 });
    expect(await exchange.fetchPositions()).toEqual([]);
    const trades = await exchange.fetchMyTrades();
    expect(trades.map((t) => [t.order, t.side, t.price, t.takerOrMaker])).toEqual([
      [expect.any(String), "buy", 50_000, "taker"],
      [target.id, "sell", 53_500, "taker"],
    ]);

    emulator.account.setPrice("PF_XBTUSD", { last: 47_000, mark: 47_000 });
    expect(await exchange.fetchPositions(), "a reduce-only stop at flat opens nothing").toEqual([]);
    expect(await exchange.fetchOpenOrders()).toEqual([]);
    expect((await exchange.fetchOrder(stop.id)).status).toBe("canceled");
  });

  it("fills a resting limit order as maker when last reaches it, and reports it through fetchOrder", async () => {
    await session();
    const order = await place(BTC, "limit", "buy", 0.2, 49_000, { clientOrderId: "entry-1" });
    expect(order).toMatchObject({ status: "open", clientOrderId: "entry-1", price: undefined });
    expect(await exchange.fetchOrder(order.id)).toMatchObject({ id: order.id, status: "open", clientOrderId: "entry-1", amount: 0.2 });
    emulator.account.setPrice("PF_XBTUSD", { last: 48_900, mark: 48_950 });
    expect(await exchange.fetchOrder(order.id)).toMatchObject({ status: "closed", filled: 0.2 });
    expect((await exchange.fetchMyTrades())[0]).toMatchObject({ price: 49_000, takerOrMaker: "maker" });
  });

  it("edits a resting limit order's price and size", async () => {
    await session();
    const order = await place(BTC, "limit", "buy", 0.2, 49_000);
    const edited = await exchange.editOrder(order.id, BTC, "limit", "buy", 0.3, 48_500);
    expect(edited).toMatchObject({ id: order.id, status: "open", amount: 0.3 });
    const [open] = await exchange.fetchOpenOrders();
    expect(open).toMatchObject({ id: order.id, amount: 0.3, remaining: 0.3 });
    expect((open?.info as Record<string, unknown>).limitPrice).toBe(48_500);
    expect(await thrown(exchange.editOrder("no-such-order", BTC, "limit", "buy", 0.3, 48_500))).toBeInstanceOf(OrderNotFound);
  });

  it("cancels one order, then all, and refuses to cancel what is gone", async () => {
    await session();
    const first = await place(BTC, "limit", "buy", 0.1, 45_000);
    await place(BTC, "limit", "buy", 0.1, 44_000);
    await place(BTC, "limit", "sell", 0.1, 56_000);
    const cancelled = await exchange.cancelOrder(first.id);
    expect(cancelled).toMatchObject({ id: first.id, status: "canceled" });
    expect(await exchange.fetchOpenOrders()).toHaveLength(2);
    expect(await thrown(exchange.cancelOrder(first.id))).toBeInstanceOf(OrderNotFound);
    await exchange.cancelAllOrders(BTC);
    expect(await exchange.fetchOpenOrders()).toEqual([]);
  });

  it("cancels every order when the dead man's switch is not refreshed in time, and not while it is", async () => {
    await session();
    const resting = await place(BTC, "limit", "buy", 0.1, 45_000);
    const armed = await armDeadMansSwitch(60_000);
    expect(armed.status.triggerTime).toBe(new Date(START + 60_000).toISOString());
    clock += 40_000;
    await exchange.cancelAllOrdersAfter(60_000);
    clock += 40_000;
    expect(await exchange.fetchOpenOrders(), "refreshed 40 s ago: still armed").toHaveLength(1);
    clock += 20_001;
    expect(await exchange.fetchOpenOrders(), "60 s without a refresh: everything is cancelled").toEqual([]);
    expect((await exchange.fetchOrder(resting.id)).status).toBe("canceled");

    await place(BTC, "limit", "buy", 0.1, 45_000);
    await exchange.cancelAllOrdersAfter(60_000);
    const disarmed = await armDeadMansSwitch(0);
    expect(disarmed.status.triggerTime).toBe("0");
    clock += 120_000;
    expect(await exchange.fetchOpenOrders(), "a disarmed switch cancels nothing").toHaveLength(1);
  });

  it("refuses a second order with a client order id already used, without placing it", async () => {
    await session();
    await place(BTC, "limit", "buy", 0.1, 45_000, { clientOrderId: "entry-7" });
    expect(await thrown(exchange.createOrder(BTC, "limit", "buy", 0.1, 45_000, { clientOrderId: "entry-7" }))).toBeInstanceOf(DuplicateOrderId);
    expect(emulator.account.knownOrders()).toHaveLength(1);
  });

  it("rejects with Kraken's codes: wouldNotReducePosition, insufficientAvailableFunds, outsidePriceCollar", async () => {
    await session({ balanceUsd: 200 });
    const notReducing = await thrown(exchange.createOrder(BTC, "market", "sell", 0.01, undefined, { reduceOnly: true }));
    expect(notReducing).toBeInstanceOf(ExchangeError);
    expect(String(notReducing)).toContain("wouldNotReducePosition");
    expect(await thrown(exchange.createOrder(BTC, "market", "buy", 0.5)), "0.5 BTC needs 500 USD of initial margin").toBeInstanceOf(InsufficientFunds);
    const collar = await thrown(exchange.createOrder(BTC, "limit", "buy", 0.001, 60_000));
    expect(collar).toBeInstanceOf(InvalidOrder);
    expect(String(collar)).toContain("outsidePriceCollar");
    expect(emulator.account.fills).toEqual([]);
  });
});

describe("Kraken Futures trading faults", () => {
  it("a 5xx or a timeout before sendorder is handled places nothing", async () => {
    await session({}, undefined, 300);
    emulator.inject({ fault: "server-error", endpoint: "sendorder", status: 502 });
    expect(await thrown(exchange.createOrder(BTC, "market", "buy", 0.1))).toBeInstanceOf(ExchangeNotAvailable);
    emulator.inject({ fault: "stall", endpoint: "sendorder" });
    expect(await thrown(exchange.createOrder(BTC, "market", "buy", 0.1))).toBeInstanceOf(RequestTimeout);
    expect(await exchange.fetchPositions()).toEqual([]);
    expect(emulator.account.knownOrders()).toEqual([]);
  });

  it("a response lost after the order was accepted: the order exists, and a retry with the same client id is refused", async () => {
    await session();
    emulator.inject({ fault: "drop-connection", endpoint: "sendorder" });
    const lost = await thrown(exchange.createOrder(BTC, "market", "buy", 0.1, undefined, { clientOrderId: "entry-9" }));
    expect(classifyFailure(lost), "the caller cannot tell it from a failure before sending").toBe("transient");
    expect(await exchange.fetchPositions()).toMatchObject([{ side: "long", contracts: 0.1 }]);
    expect(await thrown(exchange.createOrder(BTC, "market", "buy", 0.1, undefined, { clientOrderId: "entry-9" }))).toBeInstanceOf(DuplicateOrderId);
    expect(await exchange.fetchPositions()).toMatchObject([{ contracts: 0.1 }]);
  });

  it("a timeout after the order was accepted: ccxt raises RequestTimeout and the order rests on the book", async () => {
    await session({}, undefined, 300);
    emulator.inject({ fault: "accepted-then-stall", endpoint: "sendorder" });
    expect(await thrown(exchange.createOrder(BTC, "limit", "buy", 0.1, 45_000, { clientOrderId: "entry-10" }))).toBeInstanceOf(RequestTimeout);
    const open = await exchange.fetchOpenOrders();
    expect(open.map((o) => o.clientOrderId)).toEqual(["entry-10"]);
  });

  it("a partial fill then a cancel leaves the partial position and its maker fill", async () => {
    await session();
    const order = await place(BTC, "limit", "buy", 0.5, 49_000);
    emulator.account.partialFill(order.id, 0.2);
    expect((await exchange.fetchOpenOrders())[0]).toMatchObject({ filled: 0.2, remaining: 0.3 });
    await exchange.cancelOrder(order.id);
    expect(await exchange.fetchOrder(order.id)).toMatchObject({ status: "canceled", filled: 0.2 });
    expect(await exchange.fetchPositions()).toMatchObject([{ side: "long", contracts: 0.2, entryPrice: 49_000 }]);
    expect(await exchange.fetchMyTrades()).toMatchObject([{ amount: 0.2, takerOrMaker: "maker" }]);
  });

  it("a fill reported before openorders shows its order", async () => {
    await session();
    emulator.account.setOpenOrdersLag(5_000);
    const order = await place(BTC, "limit", "buy", 0.5, 49_000);
    emulator.account.partialFill(order.id, 0.2);
    expect(await exchange.fetchMyTrades()).toMatchObject([{ order: order.id, amount: 0.2 }]);
    expect(await exchange.fetchOpenOrders(), "not listed yet, though filled in part").toEqual([]);
    clock += 5_000;
    expect(await exchange.fetchOpenOrders()).toMatchObject([{ id: order.id, filled: 0.2, remaining: 0.3 }]);
  });

  it("openpositions answered without its openPositions list: ccxt refuses it instead of reading flat", async () => {
    await session();
    await place(BTC, "market", "buy", 0.1);
    emulator.inject({
      fault: "custom-body", endpoint: "openpositions", status: 200, contentType: "application/json",
      body: JSON.stringify({ result: "success", serverTime: new Date(clock).toISOString() }),
    });
    expect(await thrown(exchange.fetchPositions())).toBeInstanceOf(ExchangeNotAvailable);
    expect(await exchange.fetchPositions()).toHaveLength(1);
  });
});
