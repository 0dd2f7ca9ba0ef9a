import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EnterIntent } from "@/lib/trading/intents";
import { legOrderId } from "@/lib/trading/leg-positions";
import { MemoryOrderStore } from "@/lib/trading/memory-order-store";
import { TradingGate } from "@/lib/trading/trading-gate";
import { alertOfBrokerEvent } from "./alert-of-broker-event";
import type { BrokerEvent } from "./broker-event";
import { createExchange } from "./create-exchange";
import { KrakenFuturesBroker } from "./kraken-futures-broker";
import { reconcileAccount, type AccountReconciliation } from "./reconcile-account";
import { instantRetry } from "./testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "./testing/kraken-futures-emulator";
import { plantExchangeKeys } from "./testing/plant-exchange-keys";

const START = Date.UTC(2024, 0, 2);
const KEY = "PLANTED-KEY-7c3e1a9b5d";
const SECRET = randomBytes(64).toString("base64");

const ENTRY: EnterIntent = {
  kind: "enter", accountId: "acct-1", legId: "btc-breakout", symbol: "BTCUSDT.P", barCloseTime: START,
  direction: "long", qty: 0.1, stopPrice: 48_000, targetPrice: 53_000,
};
const SHORT: EnterIntent = { ...ENTRY, legId: "eth-fade", symbol: "ETHUSDT.P", direction: "short", qty: 1, stopPrice: 3_200, targetPrice: 2_800 };

let emulator: KrakenFuturesEmulator | undefined;
let store: MemoryOrderStore;
let clock = START;
/** Undoes the keys a session planted in the environment. */
let restoreKeys: () => void = () => {};
let seen: BrokerEvent[] = [];

const running = (): KrakenFuturesEmulator => emulator ?? expect.fail("no emulator running");

/** An emulator with BTC at 50,000 and ETH at 3,000, and an empty in-memory store the brokers share. */
async function start(): Promise<void> {
  emulator = await startKrakenFuturesEmulator({ credentials: { apiKey: KEY, secret: SECRET }, account: { now: () => clock } });
  emulator.account.setPrice("PF_XBTUSD", { last: 50_000, mark: 50_000 });
  emulator.account.setPrice("PF_ETHUSD", { last: 3_000, mark: 3_000 });
  restoreKeys();
  restoreKeys = plantExchangeKeys(KEY, SECRET);
  store = new MemoryOrderStore();
}

/** A broker as a freshly started process makes it: its own ccxt client, over the store the last one wrote. */
async function newBroker(): Promise<KrakenFuturesBroker> {
  const exchange = createExchange({ baseUrl: running().baseUrl, rateLimitMs: 1, timeoutMs: 2000 });
  await exchange.loadMarkets();
  return new KrakenFuturesBroker({ exchange, store, now: () => clock, retry: instantRetry({ maxAttempts: 2 }) });
}

/** Sends the entry's market order (ENTRY's unless told) through `broker`. */
async function enter(broker: KrakenFuturesBroker, entry: EnterIntent = ENTRY): Promise<void> {
  const id = legOrderId(entry, "entry");
  const side = entry.direction === "long" ? "buy" : "sell";
  await broker.register({ clientOrderId: id, purpose: "entry", symbol: entry.symbol, side, qty: entry.qty, reduceOnly: false, createdAt: clock });
  seen.push(...(await broker.submit(id, { kind: "market" })).events);
}

async function reconciled(broker: KrakenFuturesBroker, entries: EnterIntent[] = [ENTRY]): Promise<AccountReconciliation> {
  const report = await reconcileAccount(broker, { orders: store.all(), entries });
  seen.push(...report.events);
  return report;
}

function gateAfter(report: AccountReconciliation): TradingGate {
  const gate = new TradingGate();
  gate.record(report.reconciliation, report.unprotected);
  return gate;
}

const messages = (report: AccountReconciliation, kind: BrokerEvent["kind"]) => report.events.filter((e) => e.kind === kind).map((e) => e.message);

beforeEach(() => {
  clock = START;
  seen = [];
});

afterEach(async () => {
  for (const text of [...seen.map((e) => e.message), ...store.all().map((o) => o.note ?? "")]) {
    expect(text, "an event or order note holds the API key").not.toContain(KEY);
    expect(text, "an event or order note holds the API secret").not.toContain(SECRET);
  }
  restoreKeys();
  restoreKeys = () => {};
  await emulator?.stop();
  emulator = undefined;
});

describe("KrakenFuturesBroker.readOpenOrders", () => {
  it("reads every open order by system symbol with its client id, reduce-only flag and kind; a failed read is unknown", async () => {
    await start();
    const broker = await newBroker();
    await enter(broker);
    seen.push(...(await broker.protectPosition(ENTRY)).events);
    running().account.sendOrder({ symbol: "PF_ETHUSD", side: "buy", orderType: "lmt", size: 1, limitPrice: 2_500 });
    const read = await broker.readOpenOrders();
    const orders = read.openOrders.kind === "known" ? read.openOrders.orders : expect.fail("open orders unknown");
    expect(orders.map((o) => [o.clientOrderId, o.symbol, o.side, o.qty, o.reduceOnly, o.type])).toEqual([
      [legOrderId(ENTRY, "stop"), "BTCUSDT.P", "sell", 0.1, true, "stop"],
      [legOrderId(ENTRY, "take-profit"), "BTCUSDT.P", "sell", 0.1, true, "take-profit"],
      [null, "ETHUSDT.P", "buy", 1, false, "limit"],
    ]);

    running().inject({ fault: "server-error", endpoint: "openorders", times: Infinity });
    const failed = await broker.readOpenOrders();
    seen.push(...failed.events);
    expect(failed.openOrders).toMatchObject({ kind: "unknown", reason: expect.stringContaining("gave up after 2 attempts") });
    expect(failed.events.map((e) => e.kind)).toEqual(["open-orders-unknown"]);
  });
});

describe("reconcileAccount: a restart", () => {
  it("after kill -9 with an open position whose stop the dead man's switch cancelled: the stop is re-placed once, then entries reopen", async () => {
    await start();
    const first = await newBroker();
    await enter(first);
    seen.push(...(await first.protectPosition(ENTRY)).events);
    seen.push(...(await first.refreshDeadMansSwitch(60)).events);
    // The process dies here: nothing refreshes the switch, and Kraken cancels every resting order.
    clock += 60_001;
    expect(running().account.openOrders(), "the switch took the stop and the take-profit").toEqual([]);

    const restarted = await newBroker();
    const gate = new TradingGate();
    expect(gate.entryPermission("BTCUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringContaining("no reconciliation has run yet") });
    const report = await reconciled(restarted);
    gate.record(report.reconciliation, report.unprotected);

    const replaced = legOrderId(ENTRY, "stop", 1);
    expect(running().account.openOrders().filter((o) => o.type === "stp").map((o) => [o.cliOrdId, o.type, o.side, o.size, o.stopPrice, o.reduceOnly]), "exactly one new stop rests").toEqual([
      [replaced, "stp", "sell", 0.1, 48_000, true],
    ]);
    expect(running().account.knownOrders().filter((o) => o.type === "stp"), "the lost stop and its one re-placement").toHaveLength(2);
    expect((await store.get(legOrderId(ENTRY, "stop")))?.status, "the lost stop was settled as cancelled").toBe("cancelled");
    expect(messages(report, "stop-replaced")).toEqual([expect.stringMatching(/^stop re-placed after stop .* went missing .*dead man's switch.*sell 0\.10000000 BTCUSDT\.P at 48,000\.00/)]);
    expect(report.reconciliation.suggestedMode).toBe("active");
    expect(report.unprotected.size).toBe(0);
    expect(gate.entryPermission("BTCUSDT.P"), "the position is protected again").toEqual({ allowed: true });

    const again = await reconciled(await newBroker());
    expect(messages(again, "stop-replaced"), "a resting stop is left alone").toEqual([]);
    expect(running().account.openOrders(), "the stop and the take-profit put back, nothing more").toHaveLength(2);
  });

  it("a re-placement that got no answer keeps entries on that instrument closed, with why", async () => {
    await start();
    const first = await newBroker();
    await enter(first);
    // The process died between the entry's fill and its stop: no stop was ever placed.
    running().inject({ fault: "server-error", endpoint: "sendorder", status: 502 });
    const report = await reconciled(await newBroker());
    const gate = gateAfter(report);
    expect(report.unprotected.get("BTCUSDT.P")).toMatch(/no stop was ever placed .*re-placement is unknown/);
    expect(gate.entryPermission("BTCUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringContaining("not known to be protected") });
    expect(gate.entryPermission("ETHUSDT.P"), "other instruments trade on").toEqual({ allowed: true });
  });

  it("a missing stop whose price the mark has already passed: the position is closed at market, and the event says why", async () => {
    await start();
    await enter(await newBroker());
    running().account.setPrice("PF_XBTUSD", { last: 47_600, mark: 47_500 });
    const report = await reconciled(await newBroker());
    expect(messages(report, "stop-crossed-flattened")).toEqual([expect.stringMatching(/no stop was ever placed .* mark price 47,500\.00 has already passed its price 48,000\.00, so the position of 0\.10000000 BTCUSDT\.P was closed at market: exit .* is filled/)]);
    expect(running().account.positions()).toEqual([]);
    expect(running().account.openOrders(), "no stop placed for a closed position").toEqual([]);
    expect(report.unprotected.size).toBe(0);
  });

  it("a ledger order whose answer was lost (connection dropped on sendorder) is settled, not sent again", async () => {
    await start();
    const first = await newBroker();
    running().inject({ fault: "drop-connection", endpoint: "sendorder" });
    await enter(first);
    expect((await store.get(legOrderId(ENTRY, "entry")))?.status).toBe("unknown");

    const report = await reconciled(await newBroker());
    expect((await store.get(legOrderId(ENTRY, "entry")))).toMatchObject({ status: "filled", fills: [{ qty: 0.1, price: 50_000 }] });
    expect(report.reconciliation.differences, "settled, the ledger's position is the exchange's").toEqual([]);
    expect(running().account.knownOrders().filter((o) => o.type === "mkt"), "one entry on the exchange").toHaveLength(1);
    expect(running().requestCount("sendorder"), "the entry once, then its stop and its take-profit").toBe(3);
    expect(gateAfter(report).entryPermission("BTCUSDT.P")).toEqual({ allowed: true });
  });
});

describe("reconcileAccount: a missing take-profit", () => {
  /** The resting orders as Kraken holds them: id, kind, side, size, trigger price, reduce-only. */
  const resting = () => running().account.openOrders().map((o) => [o.cliOrdId, o.type, o.side, o.size, o.stopPrice, o.reduceOnly]);

  /** Enters and protects ENTRY, then lets the dead man's switch cancel its stop and take-profit. */
  async function protectedThenSwitchFired(): Promise<void> {
    const first = await newBroker();
    await enter(first);
    seen.push(...(await first.protectPosition(ENTRY)).events);
    running().account.cancelAll();
    expect(running().account.openOrders(), "the switch took the stop and the take-profit").toEqual([]);
  }

  it("after the switch fired, the stop and the take-profit both come back (sequence 1, the open size, the target, reduce-only), once", async () => {
    await start();
    await protectedThenSwitchFired();
    const report = await reconciled(await newBroker());

    const takeProfit = legOrderId(ENTRY, "take-profit", 1);
    expect(resting(), "the stop and the take-profit rest again, each under its next sequence").toEqual([
      [legOrderId(ENTRY, "stop", 1), "stp", "sell", 0.1, 48_000, true],
      [takeProfit, "take_profit", "sell", 0.1, 53_000, true],
    ]);
    expect((await store.get(legOrderId(ENTRY, "take-profit")))?.status, "the lost take-profit was settled as cancelled").toBe("cancelled");
    expect(messages(report, "take-profit-replaced")).toEqual([
      `take-profit re-placed after take-profit ${legOrderId(ENTRY, "take-profit")} went missing (it is cancelled and not resting on the exchange: cancelled by the dead man's switch or by hand): ${takeProfit}, sell 0.10000000 BTCUSDT.P at 53,000.00 (last price), reduce-only`,
    ]);
    const replaced = report.events.filter((e) => e.kind === "take-profit-replaced");
    expect(replaced.map((e) => alertOfBrokerEvent(ENTRY.accountId, e)), "a missing target is no safety problem: no alert").toEqual([null]);
    expect(report.unprotected.size).toBe(0);

    const sent = running().requestCount("sendorder");
    const again = await reconciled(await newBroker());
    expect(running().requestCount("sendorder"), "a second reconciliation sends nothing").toBe(sent);
    expect(messages(again, "take-profit-replaced")).toEqual([]);
    expect(resting().map(([id]) => id)).toEqual([legOrderId(ENTRY, "stop", 1), takeProfit]);
  });

  it("a take-profit gone while the mark already passed the target: the position is closed at market, its stop cancelled, and the event says why", async () => {
    await start();
    const first = await newBroker();
    await enter(first, SHORT);
    seen.push(...(await first.protectPosition(SHORT)).events);
    running().account.cancelOrder(undefined, legOrderId(SHORT, "take-profit"));
    running().account.setPrice("PF_ETHUSD", { last: 2_760, mark: 2_750 });
    const report = await reconciled(await newBroker(), [SHORT]);

    expect(messages(report, "target-passed-closed")).toEqual([
      expect.stringMatching(/^take-profit .* went missing \(it is cancelled .*\) and the mark price 2,750\.00 has already passed its target 2,800\.00: the target was reached while nobody watched, so the position of 1\.00000000 ETHUSDT\.P was closed at market: exit .* is filled$/),
    ]);
    expect(running().account.positions(), "closed at market").toEqual([]);
    expect(running().account.openOrders(), "its stop does not outlive the position").toEqual([]);
    expect((await store.get(legOrderId(SHORT, "stop")))?.status).toBe("cancelled");
    expect(await store.get(legOrderId(SHORT, "take-profit", 1)), "no take-profit that would trigger at once").toBeUndefined();
    expect(messages(report, "take-profit-replaced")).toEqual([]);
    expect(report.unprotected.size).toBe(0);

    const sent = running().requestCount("sendorder");
    await reconciled(await newBroker(), [SHORT]);
    expect(running().requestCount("sendorder"), "a closed position gets nothing more").toBe(sent);
  });

  it("once a restored take-profit fills, cancelOtherProtection cancels the restored stop", async () => {
    await start();
    await protectedThenSwitchFired();
    await reconciled(await newBroker());
    clock += 60_000;
    running().account.setPrice("PF_XBTUSD", { last: 53_500, mark: 53_400 });
    expect(resting().map(([id]) => id), "the take-profit filled, the exchange leaves the stop resting").toEqual([legOrderId(ENTRY, "stop", 1)]);

    const oco = await (await newBroker()).cancelOtherProtection(ENTRY);
    seen.push(...oco);
    expect(oco.filter((e) => e.kind === "order-cancelled").map((e) => [e.clientOrderId, e.message])).toEqual([
      [legOrderId(ENTRY, "stop", 1), expect.stringContaining(`because the take-profit ${legOrderId(ENTRY, "take-profit", 1)} filled`)],
    ]);
    expect(running().account.openOrders(), "nothing rests on the exchange").toEqual([]);
    expect(running().account.positions()).toEqual([]);
    expect((await store.get(legOrderId(ENTRY, "stop", 1)))?.status).toBe("cancelled");
  });
});

describe("reconcileAccount: what the ledger does not know", () => {
  it("an external position blocks its instrument with an alert; the others stay open", async () => {
    await start();
    running().account.sendOrder({ symbol: "PF_ETHUSD", side: "buy", orderType: "mkt", size: 2 });
    const report = await reconciled(await newBroker(), []);
    const gate = gateAfter(report);
    expect(messages(report, "reconcile-finding")).toEqual(["the exchange holds 2.00000000 ETHUSDT.P that the ledger does not know; entries on ETHUSDT.P are blocked"]);
    expect(gate.entryPermission("ETHUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringContaining("2.00000000 ETHUSDT.P that the ledger does not know") });
    expect(gate.entryPermission("BTCUSDT.P")).toEqual({ allowed: true });
  });

  it("an open order the ledger did not place is adopted as external, with an event", async () => {
    await start();
    running().account.sendOrder({ symbol: "PF_XBTUSD", side: "buy", orderType: "lmt", size: 0.2, limitPrice: 40_000 });
    const report = await reconciled(await newBroker(), []);
    expect(report.reconciliation.differences.map((d) => d.kind)).toEqual(["external-order"]);
    expect(messages(report, "reconcile-finding")).toEqual([expect.stringMatching(/^the exchange holds order .* \(buy 0\.20000000 BTCUSDT\.P\) that the ledger did not place; adopted as external$/)]);
    const gate = gateAfter(report);
    expect(gate.entryPermission("BTCUSDT.P").allowed, "an order that may grow a position blocks its instrument").toBe(false);
    expect(gate.entryPermission("ETHUSDT.P")).toEqual({ allowed: true });
  });

  it("a size mismatch calls for reducing, with both numbers", async () => {
    await start();
    const broker = await newBroker();
    await enter(broker);
    seen.push(...(await broker.protectPosition(ENTRY)).events);
    running().account.sendOrder({ symbol: "PF_XBTUSD", side: "buy", orderType: "mkt", size: 0.05 });
    const report = await reconciled(await newBroker());
    expect(report.reconciliation.suggestedMode).toBe("reducing");
    expect(report.reconciliation.reasons).toEqual(["the ledger holds 0.10000000 BTCUSDT.P, the exchange 0.15000000"]);
    expect(gateAfter(report).entryPermission("ETHUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringContaining("reconciliation calls for reducing: the ledger holds 0.10000000 BTCUSDT.P, the exchange 0.15000000") });
  });
});

describe("reconcileAccount: an exchange that cannot be read", () => {
  it("openpositions failing or without its list: positions unknown, no entries anywhere, reducing", async () => {
    await start();
    const serverTime = new Date(clock).toISOString();
    running().inject({ fault: "custom-body", endpoint: "openpositions", status: 200, contentType: "application/json", times: Infinity, body: JSON.stringify({ result: "success", serverTime }) });
    const noList = await reconciled(await newBroker());
    expect(noList.reconciliation).toMatchObject({ suggestedMode: "reducing", entriesBlocked: true });
    const gate = gateAfter(noList);
    for (const symbol of ["BTCUSDT.P", "ETHUSDT.P"]) {
      expect(gate.entryPermission(symbol)).toMatchObject({ allowed: false, reason: expect.stringMatching(/^no entries on any instrument: the exchange's positions could not be read \(.*without an "openPositions" list/) });
    }

    running().clearFaults();
    running().inject({ fault: "server-error", endpoint: "openpositions", times: Infinity });
    const failing = await reconciled(await newBroker());
    expect(failing.reconciliation.suggestedMode).toBe("reducing");
    expect(gateAfter(failing).entryPermission("BTCUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringContaining("gave up after 2 attempts") });
  });

  it("before any reconciliation, the gate refuses every entry", () => {
    const gate = new TradingGate();
    for (const symbol of ["BTCUSDT.P", "ETHUSDT.P"]) expect(gate.entryPermission(symbol).allowed).toBe(false);
  });
});
