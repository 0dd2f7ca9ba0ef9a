import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { databaseOrderStore, listLiveOrders } from "@/db/queries/live-orders";
import { openTestDatabase } from "@/db/testing/test-databases";
import { createExchange } from "@/lib/exchange/create-exchange";
import { KrakenFuturesBroker } from "@/lib/exchange/kraken-futures-broker";
import { instantRetry } from "@/lib/exchange/testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { clientOrderId } from "@/lib/trading/client-order-id";
import { plantExchangeKeys } from "@/lib/exchange/testing/plant-exchange-keys";

const START = Date.UTC(2024, 0, 2);
const KEY = "PLANTED-KEY-8c2e5a91d3";
const SECRET = randomBytes(64).toString("base64");
const ACCOUNT = "acct-db";
const ENTRY_ID = clientOrderId({ accountId: ACCOUNT, legId: "btc-breakout", barCloseTime: START, purpose: "entry" });

describe("KrakenFuturesBroker on the database order store", () => {
  let handle: DatabaseHandle;
  let emulator: KrakenFuturesEmulator;
  let restoreKeys: () => void = () => {};
  beforeAll(async () => {
    handle = await openTestDatabase();
    emulator = await startKrakenFuturesEmulator({ credentials: { apiKey: KEY, secret: SECRET }, account: { now: () => START } });
    emulator.account.setPrice("PF_XBTUSD", { last: 50_000, mark: 50_000 });
    restoreKeys = plantExchangeKeys(KEY, SECRET);
  });
  afterAll(async () => {
    restoreKeys();
    await emulator?.stop();
    await handle?.close();
  });

  async function brokerOn(db: DatabaseHandle["db"]): Promise<KrakenFuturesBroker> {
    const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1, timeoutMs: 2000 });
    await exchange.loadMarkets();
    return new KrakenFuturesBroker({ exchange, store: databaseOrderStore(db, ACCOUNT), now: () => START, retry: instantRetry({ maxAttempts: 2 }) });
  }

  it("a response lost, then a restart: the new process finds the order sent, settles it from the fills, never sends it again", async () => {
    const before = await brokerOn(handle.db);
    expect((await before.register({ clientOrderId: ENTRY_ID, purpose: "entry", symbol: "BTCUSDT.P", side: "buy", qty: 0.1, reduceOnly: false, createdAt: START })).kind).toBe("registered");
    emulator.inject({ fault: "drop-connection", endpoint: "sendorder" });
    expect((await before.submit(ENTRY_ID, { kind: "market" })).order).toMatchObject({ status: "unknown", exchangeOrderId: null });

    const other = await openDatabase({ url: handle.url });
    try {
      const restarted = await brokerOn(other.db);
      expect(await listLiveOrders(other.db, ACCOUNT, { status: ["unknown"] }), "the restarted process knows the unanswered order").toMatchObject([{ clientOrderId: ENTRY_ID }]);
      expect((await restarted.settle(ENTRY_ID)).order).toMatchObject({ status: "filled", fills: [{ qty: 0.1, price: 50_000 }] });
      expect((await restarted.submit(ENTRY_ID, { kind: "market" })).events.map((e) => e.kind)).toEqual(["order-not-sent"]);
      expect(emulator.requestCount("sendorder"), "one request, for one order").toBe(1);
      expect(emulator.account.positions()).toMatchObject([{ size: 0.1 }]);
      const [row] = await listLiveOrders(handle.db, ACCOUNT);
      expect(row?.note ?? "", "no key in the stored note").not.toContain(KEY);
    } finally {
      await other.close();
    }
  });
});
