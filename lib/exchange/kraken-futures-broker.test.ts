import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientOrderId, type OrderPurpose } from "@/lib/trading/client-order-id";
import type { EnterIntent } from "@/lib/trading/intents";
import { isTerminal, orderFees, type TrackedOrder } from "@/lib/trading/order-state";
import { MemoryOrderStore } from "@/lib/trading/memory-order-store";
import type { BrokerEvent } from "./broker-event";
import { createExchange } from "./create-exchange";
import { KrakenFuturesBroker, type OrderOutcome } from "./kraken-futures-broker";
import type { EmulatedAccountOptions } from "./testing/emulated-kraken-account";
import { instantRetry } from "./testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "./testing/kraken-futures-emulator";
import { plantExchangeKeys } from "./testing/plant-exchange-keys";

const START = Date.UTC(2024, 0, 2);
/** A key anyone would recognise in a message: it must appear in none. */
const KEY = "PLANTED-KEY-4b1d9e7c2a";
const SECRET = randomBytes(64).toString("base64");
const FEES = { maker: 0.0002, taker: 0.0005 };

const ENTRY: EnterIntent = {
  kind: "enter", accountId: "acct-1", legId: "btc-breakout", symbol: "BTCUSDT.P", barCloseTime: START,
  direction: "long", qty: 0.1, stopPrice: 48_000, targetPrice: 53_000,
};

let emulator: KrakenFuturesEmulator;
let running: KrakenFuturesEmulator | undefined;
let store: MemoryOrderStore;
let broker: KrakenFuturesBroker;
let clock = START;
/** Undoes the keys a session planted in the environment. */
let restoreKeys: () => void = () => {};
/** Every event the tests saw, checked for secrets at the end of each test. */
let seen: BrokerEvent[] = [];

/** An emulator accepting KEY/SECRET with BTC at 50,000, and a broker trading on it through ccxt with an in-memory store. */
async function session(account: EmulatedAccountOptions = {}, timeoutMs = 2000): Promise<void> {
  emulator = await startKrakenFuturesEmulator({ credentials: { apiKey: KEY, secret: SECRET }, account: { now: () => clock, ...account } });
  running = emulator;
  emulator.account.setPrice("PF_XBTUSD", { last: 50_000, mark: 50_000 });
  restoreKeys();
  restoreKeys = plantExchangeKeys(KEY, SECRET);
  const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1, timeoutMs });
  await exchange.loadMarkets();
  store = new MemoryOrderStore();
  broker = new KrakenFuturesBroker({ exchange, store, now: () => clock, retry: instantRetry({ maxAttempts: 2 }) });
}

const idOf = (purpose: OrderPurpose) => clientOrderId({ accountId: ENTRY.accountId, legId: ENTRY.legId, barCloseTime: ENTRY.barCloseTime, purpose });

function observed<T extends { events: readonly BrokerEvent[] }>(outcome: T): T {
  seen.push(...outcome.events);
  return outcome;
}

/** Registers the entry of ENTRY (or another market order of the leg) and submits it at market. */
async function sendMarket(purpose: OrderPurpose = "entry", side: "buy" | "sell" = "buy", qty = ENTRY.qty, reduceOnly = false): Promise<OrderOutcome> {
  const registration = await broker.register({ clientOrderId: idOf(purpose), purpose, symbol: "BTCUSDT.P", side, qty, reduceOnly, createdAt: clock });
  expect(registration.kind).toBe("registered");
  return observed(await broker.submit(idOf(purpose), { kind: "market" }));
}

async function stored(purpose: OrderPurpose): Promise<TrackedOrder> {
  const order = await store.get(idOf(purpose));
  return order ?? expect.fail(`no ${purpose} order stored`);
}

/** A Kraken sendorder answer refusing the order with `status`, as Kraken sends it (HTTP 200, result success). */
function refusedSend(status: string): string {
  const time = new Date(clock).toISOString();
  return JSON.stringify({ result: "success", sendStatus: { status, receivedTime: time, orderEvents: [] }, serverTime: time });
}

beforeEach(() => {
  clock = START;
  seen = [];
});

afterEach(async () => {
  const texts = [...seen.map((e) => e.message), ...store.all().map((o) => o.note ?? "")];
  for (const text of texts) {
    expect(text, "an event or order note holds the API key").not.toContain(KEY);
    expect(text, "an event or order note holds the API secret").not.toContain(SECRET);
  }
  restoreKeys();
  restoreKeys = () => {};
  await running?.stop();
  running = undefined;
});

describe("KrakenFuturesBroker: a whole session", () => {
  it("enters, protects on the exchange, takes profit, cancels the stop: flat, every order finished, fees from fill types", async () => {
    await session();
    const entry = await sendMarket();
    expect(entry.order, "a market entry's fills are read from the fills endpoint").toMatchObject({ status: "filled", exchangeOrderId: expect.any(String) });
    expect(entry.events.map((e) => e.kind)).toEqual(["order-sent", "order-acknowledged", "order-settled"]);

    const protection = observed(await broker.protectPosition(ENTRY));
    expect(protection.stop).toMatchObject({ status: "open", side: "sell", qty: 0.1, reduceOnly: true });
    expect(protection.takeProfit).toMatchObject({ status: "open", side: "sell", qty: 0.1, reduceOnly: true });
    const resting = emulator.account.openOrders();
    expect(resting.map((o) => [o.cliOrdId, o.type, o.stopPrice, o.triggerSignal, o.reduceOnly])).toEqual([
      [idOf("stop"), "stp", 48_000, "mark", true],
      [idOf("take-profit"), "take_profit", 53_000, "last", true],
    ]);
    expect(observed(await broker.protectPosition(ENTRY)).events.filter((e) => e.kind === "order-sent"), "protecting again sends nothing").toEqual([]);

    clock += 60_000;
    emulator.account.setPrice("PF_XBTUSD", { last: 53_500, mark: 53_400 });
    expect(emulator.account.openOrders().map((o) => o.cliOrdId), "the exchange leaves the stop resting at flat").toEqual([idOf("stop")]);
    const oco = await broker.cancelOtherProtection(ENTRY);
    seen.push(...oco);
    expect(oco.map((e) => e.kind)).toEqual(["order-settled", "order-settled", "order-cancelled"]);
    expect(oco.at(-1)?.message).toContain("because the take-profit");

    expect(emulator.account.openOrders(), "nothing rests on the exchange").toEqual([]);
    expect(observed(await broker.readPositions()).positions).toMatchObject({ kind: "known", positions: new Map(), foreign: new Map() });
    const orders = store.all();
    expect(orders.map((o) => [o.purpose, o.status])).toEqual([["entry", "filled"], ["stop", "cancelled"], ["take-profit", "filled"]]);
    expect(orders.every((o) => isTerminal(o.status))).toBe(true);
    const [entryOrder, , target] = orders;
    expect(entryOrder?.fills.map((f) => [f.price, f.fillType])).toEqual([[50_000, "taker"]]);
    expect(target?.fills.map((f) => [f.price, f.fillType]), "a triggered take-profit executes at market").toEqual([[53_500, "taker"]]);
    expect(orderFees(entryOrder ?? expect.fail(), FEES)).toBeCloseTo(0.1 * 50_000 * FEES.taker, 9);
    expect(orderFees(target ?? expect.fail(), FEES)).toBeCloseTo(0.1 * 53_500 * FEES.taker, 9);
  });
});

describe("KrakenFuturesBroker: answers that never came", () => {
  it("a response lost after Kraken placed the order: unknown, settled from the fills, one order only, never sent twice", async () => {
    await session();
    emulator.inject({ fault: "drop-connection", endpoint: "sendorder" });
    const lost = await sendMarket();
    expect(lost.order).toMatchObject({ status: "unknown", exchangeOrderId: null });
    expect(lost.events.map((e) => e.kind)).toEqual(["order-sent", "order-unknown"]);
    expect(lost.events[1]?.message).toContain("is not resent");

    const settled = observed(await broker.settle(idOf("entry")));
    expect(settled.order).toMatchObject({ status: "filled", fills: [{ qty: 0.1, price: 50_000, fillType: "taker" }] });
    const again = observed(await broker.submit(idOf("entry"), { kind: "market" }));
    expect(again.events.map((e) => e.kind)).toEqual(["order-not-sent"]);
    expect(emulator.requestCount("sendorder"), "one request, for one order").toBe(1);
    expect(emulator.account.knownOrders()).toHaveLength(1);
    expect(emulator.account.positions()).toMatchObject([{ size: 0.1 }]);
  });

  it("a stop accepted and then timed out: unknown, then found open by its status while openorders does not list it yet", async () => {
    await session({}, 300);
    await sendMarket();
    emulator.account.setOpenOrdersLag(5_000);
    emulator.inject({ fault: "accepted-then-stall", endpoint: "sendorder" });
    const protection = observed(await broker.protectPosition(ENTRY));
    expect(protection.stop?.status).toBe("unknown");
    const settled = observed(await broker.settle(idOf("stop")));
    expect(settled.order).toMatchObject({ status: "open", exchangeOrderId: emulator.account.openOrders()[0]?.orderId });
    expect(emulator.requestCount("orders/status"), "found through orders/status by cliOrdId").toBeGreaterThan(0);
    expect(emulator.account.openOrders().map((o) => o.cliOrdId).sort()).toEqual([idOf("stop"), idOf("take-profit")].sort());
  });

  it("a 5xx or a stall with nothing placed: unknown, settling finds nothing, it stays unknown and is never resent", async () => {
    await session({}, 300);
    emulator.inject({ fault: "server-error", endpoint: "sendorder", status: 502 });
    const failed = await sendMarket();
    expect(failed.order?.status).toBe("unknown");
    expect(failed.order?.note).toContain("502");
    const settled = observed(await broker.settle(idOf("entry")));
    expect(settled.order?.status).toBe("unknown");
    expect(settled.events.map((e) => e.kind)).toEqual(["order-still-unknown"]);
    expect(observed(await broker.submit(idOf("entry"), { kind: "market" })).events.map((e) => e.kind)).toEqual(["order-not-sent"]);
    expect(emulator.requestCount("sendorder")).toBe(1);

    emulator.inject({ fault: "stall", endpoint: "sendorder" });
    const stalled = await sendMarket("exit", "sell", 0.1, true);
    expect(stalled.order?.status).toBe("unknown");
    expect(observed(await broker.settle(idOf("exit"))).order?.status).toBe("unknown");
    expect(emulator.requestCount("sendorder"), "each order was sent exactly once").toBe(2);
    expect(emulator.account.knownOrders()).toEqual([]);
  });
});

describe("KrakenFuturesBroker: definite refusals", () => {
  it("rejects with Kraken's reason: insufficientAvailableFunds, wouldNotReducePosition, outsidePriceCollar", async () => {
    await session({ balanceUsd: 200 });
    const tooBig = await sendMarket("entry", "buy", 0.5);
    expect(tooBig.order).toMatchObject({ status: "rejected", note: expect.stringContaining("insufficientAvailableFunds") });
    const notReducing = await sendMarket("exit", "sell", 0.01, true);
    expect(notReducing.order).toMatchObject({ status: "rejected", note: expect.stringContaining("wouldNotReducePosition") });
    emulator.inject({ fault: "custom-body", endpoint: "sendorder", status: 200, contentType: "application/json", body: refusedSend("outsidePriceCollar") });
    const collar = await sendMarket("flatten", "buy", 0.001);
    expect(collar.order).toMatchObject({ status: "rejected", note: expect.stringContaining("outsidePriceCollar") });
    expect(collar.events.at(-1)).toMatchObject({ kind: "order-rejected" });
    expect(emulator.account.fills).toEqual([]);
  });

  it("a stop Kraken refuses: the position is closed at market at once, and the event says why", async () => {
    await session();
    await sendMarket();
    emulator.inject({ fault: "custom-body", endpoint: "sendorder", status: 200, contentType: "application/json", body: refusedSend("invalidPrice") });
    const protection = observed(await broker.protectPosition(ENTRY));
    expect(protection.stop).toMatchObject({ status: "rejected", note: expect.stringContaining("invalidPrice") });
    expect(protection.flatten).toMatchObject({ status: "filled", side: "sell", reduceOnly: true, purpose: "exit" });
    expect(protection.takeProfit, "no take-profit for a position being closed").toBeUndefined();
    const why = protection.events.find((e) => e.kind === "stop-refused-flattened");
    expect(why?.message).toMatch(/stop .* was refused \(Kraken did not place it: invalidPrice\), so the position was closed at market: exit .* is filled/);
    expect(emulator.account.positions()).toEqual([]);
    expect(emulator.account.openOrders()).toEqual([]);
  });

  it("DuplicateOrderId: the order is looked up, not sent again", async () => {
    await session();
    await sendMarket();
    // The ledger lost the entry's record (a restore from before it was sent): Kraken still knows its id.
    await broker.protectPosition(ENTRY);
    const stop = await stored("stop");
    await store.put({ ...stop, status: "pending-submit", sentAt: null, exchangeOrderId: null });
    const again = observed(await broker.submit(idOf("stop"), { kind: "stop", triggerPrice: ENTRY.stopPrice }));
    expect(again.events.map((e) => e.kind)).toEqual(["order-sent", "order-unknown", "order-settled"]);
    expect(again.order).toMatchObject({ status: "open", exchangeOrderId: stop.exchangeOrderId });
    expect(emulator.account.openOrders().filter((o) => o.cliOrdId === idOf("stop"))).toHaveLength(1);
  });
});

describe("KrakenFuturesBroker: positions", () => {
  it("reads positions by system symbol", async () => {
    await session();
    await sendMarket();
    expect((await broker.readPositions()).positions).toMatchObject({ kind: "known", positions: new Map([["BTCUSDT.P", 0.1]]) });
  });

  it("openpositions without its list, with an unreadable entry, or failing: unknown with why, never flat", async () => {
    await session();
    await sendMarket();
    const serverTime = new Date(clock).toISOString();
    emulator.inject({ fault: "custom-body", endpoint: "openpositions", status: 200, contentType: "application/json", times: Infinity, body: JSON.stringify({ result: "success", serverTime }) });
    const noList = observed(await broker.readPositions());
    expect(noList.positions.kind).toBe("unknown");
    expect(noList.events.map((e) => e.kind)).toEqual(["positions-unknown"]);
    expect(noList.events[0]?.message).toContain("not read as flat");

    emulator.clearFaults();
    const sizeless = JSON.stringify({ result: "success", openPositions: [{ symbol: "PF_XBTUSD", side: "long", price: 50_000 }], serverTime });
    emulator.inject({ fault: "custom-body", endpoint: "openpositions", status: 200, contentType: "application/json", body: sizeless });
    expect(observed(await broker.readPositions()).positions).toEqual({ kind: "unknown", reason: "position 0 (BTC/USD:USD) has no readable size" });

    emulator.inject({ fault: "server-error", endpoint: "openpositions", times: Infinity });
    const failing = observed(await broker.readPositions());
    expect(failing.positions).toMatchObject({ kind: "unknown", reason: expect.stringContaining("gave up after 2 attempts") });
  });
});

describe("KrakenFuturesBroker: dead man's switch", () => {
  it("refreshed in time, the protective orders stay; left to lapse, Kraken cancels them and settling says so", async () => {
    await session();
    await sendMarket();
    await broker.protectPosition(ENTRY);
    expect(observed(await broker.refreshDeadMansSwitch(0)).cancelsAt, "0 would disarm it: refused, not sent").toBeNull();
    expect(emulator.requestCount("cancelallordersafter")).toBe(0);
    const armed = observed(await broker.refreshDeadMansSwitch(60));
    expect(armed.cancelsAt).toBe(START + 60_000);
    expect(armed.events[0]?.message).toContain("cancels every order at");
    clock += 40_000;
    observed(await broker.refreshDeadMansSwitch(60));
    clock += 40_000;
    expect(emulator.account.openOrders(), "refreshed 40 s ago").toHaveLength(2);
    clock += 20_001;
    expect(emulator.account.openOrders(), "60 s without a refresh").toEqual([]);
    const stop = observed(await broker.settle(idOf("stop")));
    expect(stop.order?.status).toBe("cancelled");
    expect(emulator.account.positions(), "the switch cancels orders, not positions").toMatchObject([{ size: 0.1 }]);
  });
});

describe("KrakenFuturesBroker: secrets", () => {
  it("a server quoting the keys back: no event, note or error holds them", async () => {
    await session();
    const echo = JSON.stringify({ result: "error", error: `unknownError for ${KEY} signed with ${SECRET}`, serverTime: new Date(clock).toISOString() });
    for (const endpoint of ["sendorder", "openpositions", "cancelallordersafter", "fills"] as const) {
      emulator.inject({ fault: "custom-body", endpoint, status: 500, contentType: "application/json", body: echo, times: Infinity });
    }
    const entry = await sendMarket();
    expect(entry.order?.status).toBe("unknown");
    expect(entry.order?.note, "the server's text is kept, the key is not").toContain("[redacted KRAKEN_FUTURES_API_KEY]");
    observed(await broker.settle(idOf("entry")));
    observed(await broker.readPositions());
    observed(await broker.refreshDeadMansSwitch(60));
    expect(seen.map((e) => e.kind)).toEqual(["order-sent", "order-unknown", "read-failed", "positions-unknown", "dead-mans-switch-failed"]);
    // afterEach checks every event and note for KEY and SECRET.
  });
});
