import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExchange } from "./create-exchange";
import { FetchFailedError, UnsupportedFeatureError } from "./errors";
import { fetchFundingRates, type FetchFundingRatesOptions } from "./fetch-funding-rates";
import { MemoryCandleSink } from "./memory-candle-sink";
import { instantRetry } from "./testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "./testing/kraken-futures-emulator";

const HOUR_MS = 3_600_000;
const START = Date.UTC(2024, 0, 1);
const END = START + 10 * 24 * HOUR_MS;

let emulator: KrakenFuturesEmulator;

function options(sink: MemoryCandleSink, overrides: Partial<FetchFundingRatesOptions> = {}): FetchFundingRatesOptions {
  return {
    exchange: createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1 }),
    symbol: "BTCUSDT.P",
    sinceMs: START,
    sink,
    retry: instantRetry(),
    ...overrides,
  };
}

beforeEach(async () => {
  emulator = await startKrakenFuturesEmulator({ fundingStartMs: START, fundingEndMs: END });
});

afterEach(async () => {
  await emulator.stop();
});

describe("fetchFundingRates against the Kraken Futures emulator", () => {
  it("fetches the whole hourly history of 3 symbols, one request each (Kraken takes no range)", async () => {
    const sink = new MemoryCandleSink();
    for (const symbol of ["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"]) {
      const result = await fetchFundingRates(options(sink, { symbol }));
      expect(result).toMatchObject({ pages: 1, written: 240 });
      const times = sink.fundingRates(symbol).map((r) => r.time);
      times.forEach((time, i) => expect(time).toBe(START + i * HOUR_MS));
    }
    expect(emulator.requests.filter((r) => r.endpoint === "historicalfundingrates").map((r) => r.query.symbol)).toEqual([
      "PF_XBTUSD", "PF_ETHUSD", "PF_BNBUSD",
    ]);
    // the stored rate is Kraken's relativeFundingRate (a fraction), as ccxt reads it
    expect(sink.fundingRates("BTCUSDT.P")[0]?.rate).toBeLessThan(0.001);
  });

  it("is incremental: only rates after the newest stored one are written", async () => {
    const sink = new MemoryCandleSink();
    await fetchFundingRates(options(sink, { untilMs: START + 100 * HOUR_MS }));
    expect(sink.fundingRates("BTCUSDT.P")).toHaveLength(100);
    sink.writes = 0;
    const rest = await fetchFundingRates(options(sink));
    expect(rest).toMatchObject({ startMs: START + 99 * HOUR_MS + 1, written: 140 });
    const again = await fetchFundingRates(options(sink));
    expect(again.written).toBe(0);
    expect(sink.writes).toBe(1);
    expect(sink.fundingRates("BTCUSDT.P")).toHaveLength(240);
  });

  it("pages through history when a page limit is given", async () => {
    const sink = new MemoryCandleSink();
    const result = await fetchFundingRates(options(sink, { pageLimit: 100 }));
    expect(result).toMatchObject({ pages: 3, written: 240 });
    expect(sink.fundingRates("BTCUSDT.P")).toHaveLength(240);
  });

  it("retries a rate-limited request and fails clearly when the outage lasts", async () => {
    emulator.inject({ fault: "rate-limit", endpoint: "historicalfundingrates", times: 2 });
    expect((await fetchFundingRates(options(new MemoryCandleSink()))).written).toBe(240);
    emulator.inject({ fault: "server-error", endpoint: "historicalfundingrates", times: Number.POSITIVE_INFINITY });
    const error = await fetchFundingRates(options(new MemoryCandleSink())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchFailedError);
    expect((error as Error).message).toMatch(
      /^Fetching BTCUSDT\.P funding rates from krakenfutures since 2024-01-01T00:00:00\.000Z gave up after 5 attempts: .*503/,
    );
  });

  it("refuses gemini, which has no funding-rate history", async () => {
    const gemini = createExchange({ id: "gemini", baseUrl: emulator.baseUrl });
    await expect(fetchFundingRates(options(new MemoryCandleSink(), { exchange: gemini }))).rejects.toBeInstanceOf(UnsupportedFeatureError);
  });
});
