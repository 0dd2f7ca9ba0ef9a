import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listEntryIntents } from "@/db/queries/live-accounts";
import { listLiveEvents } from "@/db/queries/live-events";
import { databaseOrderStore } from "@/db/queries/live-orders";
import { openTestDatabase } from "@/db/testing/test-databases";
import type { Alert } from "@/lib/alerts/alert";
import { createExchange } from "@/lib/exchange/create-exchange";
import { KrakenFuturesBroker } from "@/lib/exchange/kraken-futures-broker";
import { instantRetry } from "@/lib/exchange/testing/instant-retry";
import type { OrderPlacedEvent, PaperEngine } from "@/lib/paper";
import { LiveTrader } from "./live-trader";
import { armedSessionAccount, plantSessionKeys, SESSION_T0, startSessionEmulator } from "./testing/live-session";
import { seedLiveAccount } from "./testing/seed-live-account";

const T = Date.UTC(2026, 10, 2, 12);

describe("LiveTrader's view of the feed", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("alerts once when the feed fails or goes stale, and logs when it is back", async () => {
    const { live } = await seedLiveAccount(handle.db, { name: "feed watch" });
    const alerts: Alert[] = [];
    // Watching the feed sends nothing to the exchange: the broker is only asked the time.
    const broker = { now: () => T } as unknown as KrakenFuturesBroker;
    const trader = new LiveTrader({ db: handle.db, account: live, broker, alert: async (a) => void alerts.push(a) });
    await trader.feedStatus({ state: "live", lastBarClose: T });
    await trader.feedStatus({ state: "error", message: "Kraken answered 503 five times", lastBarClose: T });
    await trader.feedStatus({ state: "error", message: "Kraken answered 503 five times", lastBarClose: T });
    await trader.feedStatus({ state: "stale", sinceMs: 240_000, lastBarClose: T });
    await trader.feedStatus({ state: "live", lastBarClose: T + 60_000 });

    expect(alerts.map((a) => [a.kind, a.message])).toEqual([
      ["feed-failure", "the live feed failed: Kraken answered 503 five times; the engine decides nothing new until it recovers, resting stops stay on the exchange"],
      ["feed-failure", "the live feed is stale: no new 1m bar for 4 min; the engine decides nothing new until it recovers, resting stops stay on the exchange"],
    ]);
    const events = await listLiveEvents(handle.db, live.id, { limit: 100 });
    expect(events.map((e) => e.kind).filter((k) => k.startsWith("feed"))).toEqual(["feed-failure", "feed-failure", "feed-restored"]);
  });

  it("carries on a decision already in the intent log when a crash replays its tick: nothing is sent twice, nothing is decided anew", async () => {
    const restoreKeys = plantSessionKeys();
    const clock = { t: SESSION_T0 };
    const emulator = await startSessionEmulator(clock);
    try {
      emulator.followCandles(clock.t);
      const account = await armedSessionAccount(handle.db, "replayed tick");
      const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1 });
      const broker = new KrakenFuturesBroker({ exchange, store: databaseOrderStore(handle.db, account.id), retry: instantRetry(), now: () => clock.t });
      const trader = new LiveTrader({ db: handle.db, account, broker });
      const mark = emulator.account.price("PF_XBTUSD")?.mark ?? NaN;
      // The engine's plan at each call: the replayed tick sees another price, so it would size and place differently.
      let qty = 0.1;
      const engine = { entryPlan: () => ({ qty, stop: mark * 0.99, target: mark * 1.02 }) } as unknown as PaperEngine;
      const decision: OrderPlacedEvent = { type: "order_placed", time: clock.t, legId: "BTCUSDT.P:live-rsi-long-5m", symbol: "BTCUSDT.P", timeframe: "5m", side: "long", signalIndex: 100, signalTime: clock.t - 300_000, sizingEquity: 10_000, riskScale: 1 };

      await trader.begin(engine);
      await trader.onTick([decision], engine);
      const sent = emulator.account.knownOrders().map((o) => o.cliOrdId);
      expect(sent, "the entry, its stop and its take-profit").toHaveLength(3);

      qty = 0.2;
      await trader.onTick([decision], engine);
      expect(emulator.account.knownOrders().map((o) => o.cliOrdId), "nothing more reached the exchange").toEqual(sent);
      const [entry, ...others] = await listEntryIntents(handle.db, account.id);
      expect(others).toEqual([]);
      expect(entry?.qty, "the decision stands as first made").toBe(0.1);
      const events = await listLiveEvents(handle.db, account.id, { limit: 100 });
      expect(events.filter((e) => e.kind === "entry-refused")).toEqual([]);
      expect(events.filter((e) => e.kind === "order-not-sent").length, "each order said not to be sent again").toBeGreaterThanOrEqual(1);
    } finally {
      restoreKeys();
      await emulator.stop();
    }
  });
});
