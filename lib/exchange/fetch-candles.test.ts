import { BadResponse, ExchangeNotAvailable } from "ccxt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bucketStart, timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { createExchange } from "./create-exchange";
import { FetchFailedError, NotFetchableTimeframeError, UnsupportedFeatureError, UnsupportedInstrumentError } from "./errors";
import { fetchCandles, type FetchCandlesOptions } from "./fetch-candles";
import { MemoryCandleSink } from "./memory-candle-sink";
import { instantRetry } from "./testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator, type KrakenFuturesEmulatorOptions } from "./testing/kraken-futures-emulator";

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const UNTIL = START + 3 * DAY_MS;
const SYMBOLS = ["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"] as const;

let emulator: KrakenFuturesEmulator;

async function useEmulator(options: KrakenFuturesEmulatorOptions = {}): Promise<KrakenFuturesEmulator> {
  emulator = await startKrakenFuturesEmulator({ candleStartMs: START, candleEndMs: START + 10 * DAY_MS, ...options });
  return emulator;
}

function fetchOptions(sink: MemoryCandleSink, overrides: Partial<FetchCandlesOptions> = {}): FetchCandlesOptions {
  return {
    exchange: createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1, timeoutMs: 2000 }),
    symbol: "BTCUSDT.P",
    timeframe: "5m",
    sinceMs: START,
    untilMs: UNTIL,
    sink,
    pageLimit: 100,
    retry: instantRetry(),
    ...overrides,
  };
}

/** The rows of an uninterrupted fetch of the default range, to compare interrupted runs against. */
async function baseline(timeframe: Timeframe = "5m", symbol = "BTCUSDT.P") {
  const sink = new MemoryCandleSink();
  await fetchCandles(fetchOptions(sink, { symbol, timeframe }));
  return sink.candles(symbol, timeframe);
}

function expectContinuous(times: number[], timeframe: Timeframe, from: number, until: number): void {
  const step = timeframeMs(timeframe);
  expect(times).toHaveLength((until - from) / step);
  expect(times[0]).toBe(from);
  times.forEach((time, i) => expect(time).toBe(from + i * step));
}

function chartFroms(): number[] {
  return emulator.requests.filter((r) => r.endpoint === "charts").map((r) => Number(r.query.from) * 1000);
}

afterEach(async () => {
  await emulator.stop();
});

describe("fetchCandles against the Kraken Futures emulator", () => {
  beforeEach(async () => {
    await useEmulator();
  });

  it.each(["5m", "15m"] as const)("fetches 3 days of %s for 3 symbols, paginated, without holes or duplicates", async (timeframe) => {
    const sink = new MemoryCandleSink();
    for (const symbol of SYMBOLS) {
      const result = await fetchCandles(fetchOptions(sink, { symbol, timeframe }));
      const expected = (3 * DAY_MS) / timeframeMs(timeframe);
      expect(result.written).toBe(expected);
      expect(result.pages).toBe(Math.ceil(expected / 100));
      expectContinuous(sink.candles(symbol, timeframe).map((c) => c.time), timeframe, START, UNTIL);
    }
    // the stored values are the emulator's, parsed to numbers
    const first = emulator.candles("PF_ETHUSD", timeframe)[0];
    expect(sink.candles("ETHUSDT.P", timeframe)[0]).toEqual({
      time: START, open: Number(first?.open), high: Number(first?.high), low: Number(first?.low), close: Number(first?.close), volume: first?.volume,
    });
    expect(sink.writes).toBe(3 * Math.ceil((3 * DAY_MS) / timeframeMs(timeframe) / 100));
  });

  it("continues after a page Kraken truncated at its own cap (more_candles)", async () => {
    await emulator.stop();
    await useEmulator({ maxCandlesPerRequest: 250 });
    const sink = new MemoryCandleSink();
    const result = await fetchCandles(fetchOptions(sink, { pageLimit: undefined }));
    expect(result.pages).toBe(4);
    expectContinuous(sink.candles("BTCUSDT.P", "5m").map((c) => c.time), "5m", START, UNTIL);
  });

  it("backs off on 429 with growing sleeps, then succeeds", async () => {
    const expected = await baseline();
    const before = emulator.requestCount("charts");
    emulator.inject({ fault: "rate-limit", endpoint: "charts", times: 3, after: 2 });
    const retry = instantRetry();
    const retries: number[] = [];
    const sink = new MemoryCandleSink();
    await fetchCandles(fetchOptions(sink, { retry: { ...retry, onRetry: (e) => retries.push(e.attempt) } }));
    expect(retry.sleeps).toEqual([5, 10, 20]);
    expect(retries).toEqual([1, 2, 3]);
    expect(emulator.requestCount("charts") - before).toBe(9 + 3);
    expect(sink.candles("BTCUSDT.P", "5m")).toEqual(expected);
  });

  it("retries 5xx answers", async () => {
    emulator.inject({ fault: "server-error", endpoint: "charts", times: 2, status: 502 });
    const sink = new MemoryCandleSink();
    const result = await fetchCandles(fetchOptions(sink));
    expect(result.written).toBe(864);
    expect(emulator.requests.filter((r) => r.fault === "server-error")).toHaveLength(2);
  });

  it("gives up after the configured attempts with a FetchFailedError naming the request", async () => {
    emulator.inject({ fault: "server-error", endpoint: "charts", times: Number.POSITIVE_INFINITY, after: 2 });
    const sink = new MemoryCandleSink();
    const error = await fetchCandles(fetchOptions(sink)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchFailedError);
    const failed = error as FetchFailedError;
    expect(failed.code).toBe("EXCHANGE_FETCH_FAILED");
    expect(failed.attempts).toBe(5);
    expect(failed.cause).toBeInstanceOf(ExchangeNotAvailable);
    expect(failed.message).toContain("BTCUSDT.P 5m candles from krakenfutures since 2024-01-01T16:40:00.000Z gave up after 5 attempts");
    expect(failed.message).toContain("503");
    // the two pages before the outage are committed
    expect(sink.candles("BTCUSDT.P", "5m")).toHaveLength(200);
  });

  it("retries a malformed JSON body a bounded number of times", async () => {
    emulator.inject({ fault: "malformed-json", endpoint: "charts", times: 1, after: 1 });
    const sink = new MemoryCandleSink();
    expect((await fetchCandles(fetchOptions(sink))).written).toBe(864);

    emulator.inject({ fault: "malformed-json", endpoint: "charts", times: Number.POSITIVE_INFINITY });
    const error = await fetchCandles(fetchOptions(new MemoryCandleSink())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchFailedError);
    expect((error as FetchFailedError).attempts).toBe(3);
    expect((error as FetchFailedError).cause).toBeInstanceOf(BadResponse);
    expect((error as Error).message).toContain("not JSON");
  });

  it("retries a connection dropped halfway through a page", async () => {
    const expected = await baseline();
    emulator.inject({ fault: "drop-connection", endpoint: "charts", times: 2, after: 4 });
    const sink = new MemoryCandleSink();
    await fetchCandles(fetchOptions(sink));
    expect(emulator.requests.filter((r) => r.fault === "drop-connection")).toHaveLength(2);
    expect(sink.candles("BTCUSDT.P", "5m")).toEqual(expected);
  });

  it("retries a request that times out", async () => {
    emulator.inject({ fault: "stall", endpoint: "charts", times: 1 });
    const sink = new MemoryCandleSink();
    const kinds: string[] = [];
    const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1, timeoutMs: 200 });
    await fetchCandles(fetchOptions(sink, { exchange, retry: instantRetry({ onRetry: (e) => kinds.push(String(e.error)) }) }));
    expect(kinds).toHaveLength(1);
    expect(kinds[0]).toContain("timed out");
    expect(sink.candles("BTCUSDT.P", "5m")).toHaveLength(864);
  });

  it("resumes a fetch killed by a permanent outage and ends with exactly the uninterrupted rows", async () => {
    const expected = await baseline();
    emulator.inject({ fault: "server-error", endpoint: "charts", times: Number.POSITIVE_INFINITY, after: 3 });
    const sink = new MemoryCandleSink();
    await expect(fetchCandles(fetchOptions(sink))).rejects.toBeInstanceOf(FetchFailedError);
    expect(sink.candles("BTCUSDT.P", "5m")).toHaveLength(300);

    emulator.clearFaults();
    emulator.requests.length = 0;
    const resumed = await fetchCandles(fetchOptions(sink));
    expect(resumed.startMs).toBe(START + 300 * 300_000);
    expect(chartFroms()[0]).toBe(START + 300 * 300_000);
    expect(resumed.pages).toBe(6);
    expect(sink.candles("BTCUSDT.P", "5m")).toEqual(expected);
  });

  it("resumes a fetch aborted between pages", async () => {
    const expected = await baseline();
    const controller = new AbortController();
    const sink = new MemoryCandleSink();
    const aborted = fetchCandles(
      fetchOptions(sink, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.pages === 4) controller.abort(new Error("killed"));
        },
      }),
    );
    await expect(aborted).rejects.toThrow("killed");
    expect(sink.candles("BTCUSDT.P", "5m")).toHaveLength(400);
    await fetchCandles(fetchOptions(sink));
    expect(sink.candles("BTCUSDT.P", "5m")).toEqual(expected);
  });

  it("re-runs incrementally: only bars after the newest stored one are requested", async () => {
    const sink = new MemoryCandleSink();
    await fetchCandles(fetchOptions(sink));
    emulator.requests.length = 0;
    const unchanged = await fetchCandles(fetchOptions(sink));
    expect(unchanged).toMatchObject({ pages: 0, written: 0 });
    expect(emulator.requestCount("charts")).toBe(0);

    const later = await fetchCandles(fetchOptions(sink, { untilMs: UNTIL + DAY_MS }));
    expect(chartFroms()[0]).toBe(UNTIL);
    expect(later.written).toBe(288);
    expectContinuous(sink.candles("BTCUSDT.P", "5m").map((c) => c.time), "5m", START, UNTIL + DAY_MS);
  });
});

describe("fetchCandles boundaries", () => {
  it("stores only closed candles although the exchange serves the forming one", async () => {
    const now = Date.now();
    await useEmulator({ candleStartMs: now - DAY_MS, candleEndMs: now + 3_600_000 });
    const forming = bucketStart(now, "5m");
    expect(emulator.candles("PF_XBTUSD", "5m").some((c) => c.time === forming)).toBe(true);
    const sink = new MemoryCandleSink();
    await fetchCandles(fetchOptions(sink, { sinceMs: now - 6 * 3_600_000, untilMs: undefined, pageLimit: undefined, now: () => now }));
    const stored = sink.candles("BTCUSDT.P", "5m");
    expect(stored.at(-1)?.time).toBe(forming - 300_000);
    expect(emulator.requests.some((r) => r.endpoint === "charts" && Number(r.query.to) * 1000 >= forming)).toBe(true);
  });

  it("never fetches 2m: it is resampled from 1m", async () => {
    await useEmulator();
    await expect(fetchCandles(fetchOptions(new MemoryCandleSink(), { timeframe: "2m" }))).rejects.toBeInstanceOf(NotFetchableTimeframeError);
    expect(emulator.requestCount()).toBe(0);
  });

  it("names the exchange, the symbol and what is listed when an instrument is missing", async () => {
    await useEmulator({ perpetuals: ["PF_XBTUSD", "PF_ETHUSD"] });
    const error = await fetchCandles(fetchOptions(new MemoryCandleSink(), { symbol: "BNBUSDT.P" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedInstrumentError);
    expect((error as Error).message).toBe(
      "krakenfutures does not list BNB/USD:USD (mapped from BNBUSDT.P); perpetuals it lists: BTC/USD:USD, ETH/USD:USD, BTC/USD:BTC",
    );
    expect(emulator.requestCount("charts")).toBe(0);
  });

  it("refuses a history backfill from gemini, whose candle endpoint takes no range", async () => {
    await useEmulator();
    const gemini = createExchange({ id: "gemini", baseUrl: emulator.baseUrl, rateLimitMs: 1 });
    await expect(fetchCandles(fetchOptions(new MemoryCandleSink(), { exchange: gemini }))).rejects.toBeInstanceOf(UnsupportedFeatureError);
  });
});
