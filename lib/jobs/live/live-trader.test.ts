import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listLiveEvents } from "@/db/queries/live-events";
import { openTestDatabase } from "@/db/testing/test-databases";
import type { Alert } from "@/lib/alerts/alert";
import type { KrakenFuturesBroker } from "@/lib/exchange/kraken-futures-broker";
import { LiveTrader } from "./live-trader";
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
});
