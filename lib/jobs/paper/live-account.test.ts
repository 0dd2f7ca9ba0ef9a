import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { upsertHypotheses } from "@/db/queries/hypotheses";
import { getAccount, listPaperEvents, listPaperPositions } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import { configSchema } from "@/lib/config-schema";
import { instantRetry } from "@/lib/exchange/testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { hypothesis } from "@/lib/paper/testing/test-hypothesis";
import { readStoredState } from "./account-settings";
import { runPaperAccount } from "./run-paper-account";
import { createPaperAccount } from "./start-paper-account";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// The emulator never serves candles after the real clock: its data ends a few hours ago and a fake clock runs inside it.
const END = Math.floor((Date.now() - 4 * HOUR) / HOUR) * HOUR;
const START = END - 7 * 24 * HOUR;
const T0 = END - 6 * HOUR;
const config = configSchema.parse({});

const HYPOTHESES = [
  hypothesis({ id: "live-rsi-long-5m", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 45"], stopLoss: "1.5 ATR below entry", target: "2R", maxHoldMinutes: 120 }),
  hypothesis({ id: "live-rsi-short-2m", timeframe: "2m", direction: "short", entryConditions: ["RSI(14) > 55"], stopLoss: "15 bps", target: "20 bps", maxHoldMinutes: 30 }),
];

describe("a live paper account against the Kraken Futures emulator", () => {
  let handle: DatabaseHandle;
  let emulator: KrakenFuturesEmulator;
  beforeAll(async () => {
    handle = await openTestDatabase();
    emulator = await startKrakenFuturesEmulator({ seed: 11, candleStartMs: START, candleEndMs: END, fundingStartMs: START, fundingEndMs: END });
    await upsertHypotheses(handle.db, HYPOTHESES, "custom");
  });
  afterAll(async () => {
    await emulator?.stop();
    await handle?.close();
  });

  it("warms up on fetched history, trades closed bars as they arrive, persists them and reports the feed as live", { timeout: 150_000 }, async () => {
    const account = await createPaperAccount(handle.db, config, { feed: "live", hypothesisIds: HYPOTHESES.map((h) => h.id), symbols: ["BTCUSDT.P"], name: "live test" });
    const clock = { t: T0 };
    const abort = new AbortController();
    // Live mode re-evaluates the signals over the whole history at each tick (~1 s here), so the window is kept short.
    const stopAt = T0 + 45 * MINUTE;
    const result = await runPaperAccount(handle.db, account.id, {
      progress: async () => {},
      exchangeBaseUrl: emulator.baseUrl,
      livePollMs: MINUTE,
      statusPollMs: MINUTE,
      now: () => clock.t,
      sleep: async (ms) => {
        clock.t += ms;
        if (clock.t > stopAt) abort.abort();
      },
      signal: abort.signal,
      retry: instantRetry(),
    });

    expect(result.endedBy).toBe("abort");
    expect(result.ticks, "about one tick per closed minute").toBeGreaterThanOrEqual(40);
    const stored = await getAccount(handle.db, account.id);
    expect(stored?.status).toBe("stopped");
    expect(stored?.lastProcessedTime ?? 0, "committed ticks lie inside the fake clock's window").toBeGreaterThan(T0);
    expect(stored?.lastProcessedTime ?? Infinity).toBeLessThanOrEqual(stopAt);
    const state = readStoredState(stored?.state);
    expect(state?.feed.live?.state).toBe("live");

    const positions = await listPaperPositions(handle.db, account.id);
    expect(positions.length, "the busy RSI legs trade within the window").toBeGreaterThan(0);
    for (const p of positions) {
      expect(p.entryTime, "nothing was entered on warm-up bars").toBeGreaterThan(T0);
      expect(p.entryTime).toBeLessThanOrEqual(stopAt);
    }
    const fills = await listPaperEvents(handle.db, account.id, { kinds: ["position_closed"] });
    expect(fills.length).toBe(positions.filter((p) => p.status === "closed").length);
  });
});
