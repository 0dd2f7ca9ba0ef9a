import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { countCandles, loadCandles } from "@/db/queries/candles";
import { loadFundingRates } from "@/db/queries/funding-rates";
import { openTestDatabase } from "@/db/testing/test-databases";
import { instantRetry } from "@/lib/exchange/testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { fetchMarketData, type FetchParams } from "./fetch-market-data";

const START = Date.UTC(2025, 0, 1);
const NOW = START + 3 * 86_400_000; // three days of history on the emulator
const noProgress = async () => {};

describe("fetching into the store on PostgreSQL", () => {
  let emulator: KrakenFuturesEmulator;
  const handles: DatabaseHandle[] = [];
  const open = async () => {
    const h = await openTestDatabase();
    handles.push(h);
    return h;
  };
  beforeAll(async () => {
    emulator = await startKrakenFuturesEmulator({ seed: 7, candleStartMs: START, candleEndMs: NOW, fundingStartMs: START, fundingEndMs: NOW });
  });
  afterEach(() => emulator.clearFaults());
  afterAll(async () => {
    await emulator?.stop();
    for (const h of handles) await h.close();
  });

  const params = (): FetchParams => ({ exchange: "krakenfutures", symbols: ["BTCUSDT.P"], timeframes: ["2m", "15m"], months: 1, fromMs: START, funding: true });
  // The emulator is the operator's setting (EXCHANGE_BASE_URL or --base-url), passed as an option, never a parameter.
  const onEmulator = () => ({ exchangeBaseUrl: emulator.baseUrl, nowMs: NOW, rateLimitMs: 1 });

  it("stores 1m and 15m pages, funding, and builds 2m from 1m", async () => {
    const { db } = await open();
    const report = await fetchMarketData(db, params(), noProgress, { ...onEmulator(), retry: instantRetry() });
    expect(report.series.map((s) => s.timeframe)).toEqual(["1m", "15m"]);
    expect(await countCandles(db, "BTCUSDT.P", "1m"), "3 days of minutes").toBe(3 * 1440);
    expect(await countCandles(db, "BTCUSDT.P", "15m")).toBe(3 * 96);
    expect(await countCandles(db, "BTCUSDT.P", "2m"), "2m built from 1m").toBe(3 * 720);
    const twoMinute = await loadCandles(db, "BTCUSDT.P", "2m", { toMs: START });
    const minutes = await loadCandles(db, "BTCUSDT.P", "1m", { toMs: START + 60_000 });
    expect(twoMinute[0]).toEqual({
      time: START,
      open: minutes[0]?.open,
      high: Math.max(minutes[0]?.high ?? NaN, minutes[1]?.high ?? NaN),
      low: Math.min(minutes[0]?.low ?? NaN, minutes[1]?.low ?? NaN),
      close: minutes[1]?.close,
      volume: (minutes[0]?.volume ?? NaN) + (minutes[1]?.volume ?? NaN),
    });
    expect((await loadFundingRates(db, "BTCUSDT.P")).length).toBeGreaterThan(0);
  });

  it("resumes a fetch killed halfway: the store ends equal to an uninterrupted fetch", async () => {
    const reference = await open();
    await fetchMarketData(reference.db, params(), noProgress, { ...onEmulator(), retry: instantRetry() });

    const interrupted = await open();
    emulator.inject({ fault: "server-error", endpoint: "charts", after: 1, times: Infinity });
    await expect(fetchMarketData(interrupted.db, params(), noProgress, { ...onEmulator(), retry: instantRetry({ maxAttempts: 2 }) })).rejects.toThrow(/gave up after 2 attempts/);
    const partial = await countCandles(interrupted.db, "BTCUSDT.P", "1m");
    expect(partial, "the first page was committed before the outage").toBe(2000);
    expect(await countCandles(interrupted.db, "BTCUSDT.P", "2m"), "2m is built only after 1m is complete").toBe(0);

    emulator.clearFaults();
    await fetchMarketData(interrupted.db, params(), noProgress, { ...onEmulator(), retry: instantRetry() });
    for (const tf of ["1m", "2m", "15m"] as const) {
      expect(await loadCandles(interrupted.db, "BTCUSDT.P", tf), `${tf} rows equal the uninterrupted fetch`).toEqual(await loadCandles(reference.db, "BTCUSDT.P", tf));
    }
  });

  it("backs off on 429 and logs each retry", async () => {
    const { db } = await open();
    emulator.inject({ fault: "rate-limit", endpoint: "charts", times: 2 });
    const logs: string[] = [];
    const retry = instantRetry();
    await fetchMarketData(db, { ...params(), timeframes: ["15m"], funding: false }, noProgress, { ...onEmulator(), retry, log: async (m) => void logs.push(m) });
    expect(retry.sleeps.length).toBe(2);
    expect(retry.sleeps[1], "the second wait is longer").toBeGreaterThan(retry.sleeps[0] ?? Infinity);
    expect(logs.filter((l) => l.startsWith("retrying"))).toHaveLength(2);
    expect(await countCandles(db, "BTCUSDT.P", "15m")).toBe(3 * 96);
  });
});
