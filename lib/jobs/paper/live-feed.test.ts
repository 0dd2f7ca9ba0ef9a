import { afterEach, describe, expect, it } from "vitest";
import type { Exchange } from "ccxt";
import { createExchange } from "@/lib/exchange/create-exchange";
import { instantRetry } from "@/lib/exchange/testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import type { Candle } from "@/lib/market/candle";
import { resampleCandles } from "@/lib/market/resample-candles";
import type { Timeframe } from "@/lib/market/timeframe";
import type { MarketTick } from "@/lib/paper";
import { liveTicks, type LiveFeedOptions, type LiveFeedStatus } from "./live-feed";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Candles end a few hours before the real clock; the fake clock runs inside [START, END).
const END = Math.floor((Date.now() - 4 * HOUR) / HOUR) * HOUR;
const START = END - 6 * HOUR;
const T0 = END - 3 * HOUR; // the engine has processed everything closing by T0

let emulator: KrakenFuturesEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const toCandle = (c: { time: number; open: string; high: string; low: string; close: string; volume: number }): Candle => ({
  time: c.time, open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close), volume: c.volume,
});

interface Harness {
  exchange: Exchange;
  clock: { t: number };
  statuses: LiveFeedStatus[];
  logs: string[];
  abort: AbortController;
  options: LiveFeedOptions;
}

async function harness(timeframes: Timeframe[], overrides: Partial<LiveFeedOptions> = {}): Promise<Harness> {
  emulator = await startKrakenFuturesEmulator({ seed: 7, candleStartMs: START, candleEndMs: END });
  const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1, timeoutMs: 2000 });
  const clock = { t: T0 + 10_000 };
  const statuses: LiveFeedStatus[] = [];
  const logs: string[] = [];
  const abort = new AbortController();
  const options: LiveFeedOptions = {
    exchange,
    series: timeframes.map((timeframe) => ({ symbol: "BTCUSDT.P", timeframe })),
    after: () => T0,
    afterFunding: () => T0,
    pollMs: MINUTE,
    now: () => clock.t,
    sleep: async (ms) => {
      clock.t += ms;
    },
    signal: abort.signal,
    retry: instantRetry({ maxAttempts: 3 }),
    onStatus: (s) => {
      statuses.push(s);
    },
    log: (m) => {
      logs.push(m);
    },
    lagToleranceMs: 0,
    ...overrides,
  };
  return { exchange, clock, statuses, logs, abort, options };
}

/** Runs the feed until the fake clock passes `untilMs`; returns the ticks and the clock at each. */
async function collect(h: Harness, untilMs: number, onTick?: (tick: MarketTick) => void): Promise<{ tick: MarketTick; at: number }[]> {
  const out: { tick: MarketTick; at: number }[] = [];
  const sleep = h.options.sleep;
  const options: LiveFeedOptions = {
    ...h.options,
    sleep: async (ms, signal) => {
      await sleep?.(ms, signal);
      if (h.clock.t > untilMs) h.abort.abort();
    },
  };
  for await (const tick of liveTicks(options)) {
    out.push({ tick, at: h.clock.t });
    onTick?.(tick);
  }
  return out;
}

describe("liveTicks against the Kraken Futures emulator", () => {
  it("yields the stored bars, closed ones only, one tick per close time (1m, 2m resampled, 5m) with funding", async () => {
    const h = await harness(["1m", "2m", "5m"]);
    const until = T0 + 30 * MINUTE;
    const ticks = await collect(h, until);
    const em = emulator as KrakenFuturesEmulator;
    const last = h.clock.t;

    // every tick: bars all close at its close time, which had passed on the fake clock when it was yielded
    const closes = ticks.map((x) => x.tick.closeTime);
    expect(closes).toEqual([...closes].sort((a, b) => a - b));
    expect(new Set(closes).size).toBe(closes.length);
    for (const { tick, at } of ticks) {
      expect(tick.closeTime).toBeLessThanOrEqual(at);
      for (const b of tick.bars) expect(b.bar.time + (b.timeframe === "1m" ? 1 : b.timeframe === "2m" ? 2 : 5) * MINUTE).toBe(tick.closeTime);
    }
    const got = (tf: Timeframe) => ticks.flatMap((x) => x.tick.bars.filter((b) => b.timeframe === tf).map((b) => b.bar));
    const stored1m = em.candles("PF_XBTUSD", "1m").map(toCandle).filter((c) => c.time >= T0 && c.time + MINUTE <= last - MINUTE);
    const stored5m = em.candles("PF_XBTUSD", "5m").map(toCandle).filter((c) => c.time >= T0 && c.time + 5 * MINUTE <= last - MINUTE);
    expect(stored1m.length).toBeGreaterThanOrEqual(29);
    expect(got("1m").slice(0, stored1m.length)).toEqual(stored1m);
    expect(got("5m").slice(0, stored5m.length)).toEqual(stored5m);
    expect(got("5m").length).toBeGreaterThanOrEqual(5);
    const resampled = resampleCandles(stored1m, "1m", "2m").candles;
    expect(resampled.length).toBeGreaterThanOrEqual(14);
    expect(got("2m").slice(0, resampled.length)).toEqual(resampled);
    // at a 10-minute close all three series are in the same tick
    const aligned = ticks.find((x) => x.tick.closeTime === T0 + 10 * MINUTE);
    expect(aligned?.tick.bars.map((b) => b.timeframe)).toEqual(["1m", "2m", "5m"]);
    // hourly funding after T0 rides on the first tick closing at or after it
    const funding = ticks.flatMap((x) => (x.tick.funding ?? []).map((f) => ({ ...f, close: x.tick.closeTime })));
    for (const f of funding) expect(f.time).toBeGreaterThan(T0);
    for (const f of funding) expect(f.close).toBeGreaterThanOrEqual(f.time);
    expect(h.statuses[0]?.state).toBe("live");
    expect(h.statuses.every((s) => s.state === "live")).toBe(true);
  });

  it("catches up from an older cursor in one poll without ever yielding a forming bar", async () => {
    const h = await harness(["1m", "5m"], { after: () => T0 - HOUR, afterFunding: () => T0 - HOUR });
    h.clock.t = T0 + 2 * MINUTE + 30_000; // the 1m bar opened at T0+2m is still forming
    const ticks = await collect(h, h.clock.t);
    expect(ticks[0]?.tick.closeTime).toBe(T0 - HOUR + MINUTE);
    expect(ticks.at(-1)?.tick.closeTime).toBe(T0 + 2 * MINUTE);
    expect(ticks).toHaveLength(62);
    expect(ticks.flatMap((x) => x.tick.funding ?? []).length).toBe(1); // the rate at T0
  });

  it("retries a 429/5xx burst and carries on; a persistent failure reports error and keeps polling", async () => {
    const h = await harness(["1m"]);
    const em = emulator as KrakenFuturesEmulator;
    em.inject({ fault: "rate-limit", endpoint: "charts", times: 1 });
    em.inject({ fault: "server-error", status: 502, endpoint: "charts", times: 1 });
    const sleeps = (h.options.retry as { sleeps: number[] }).sleeps;
    const first = await collect(h, T0 + 5 * MINUTE);
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
    expect(first.map((x) => x.tick.closeTime)).toEqual([1, 2, 3, 4].map((k) => T0 + k * MINUTE));
    expect(h.statuses.map((s) => s.state)).toEqual(["live"]);

    // down for good from now: every poll fails after its retries, is reported and logged, and polling continues
    const h2 = await harness(["1m"]);
    const em2 = emulator as KrakenFuturesEmulator;
    em2.inject({ fault: "server-error", status: 503, endpoint: "charts", times: Infinity, after: 2 });
    const before = () => em2.requestCount("charts");
    const ticks = await collect(h2, T0 + 6 * MINUTE);
    const errors = h2.statuses.filter((s) => s.state === "error");
    expect(errors.length).toBe(3); // polls at T0+3m, 4m, 5m
    expect(errors[0]).toMatchObject({ state: "error", message: expect.stringContaining("BTCUSDT.P") });
    expect(h2.logs.some((l) => l.includes("live feed poll failed"))).toBe(true);
    expect(before()).toBe(2 + 3 * 3); // 3 attempts per failing poll, every poll
    // what came before the outage was delivered; then recovery brings the missed bars in order
    em2.clearFaults();
    const delivered = ticks.map((x) => x.tick.closeTime);
    const h2b = { ...h2, abort: new AbortController() };
    h2b.options = { ...h2.options, signal: h2b.abort.signal, after: () => delivered.at(-1) ?? T0 };
    h2.statuses.length = 0;
    const after = await collect(h2b, h2.clock.t + MINUTE);
    expect(after[0]?.tick.closeTime).toBe((delivered.at(-1) ?? T0) + MINUTE);
    expect(h2.statuses.at(-1)?.state).toBe("live");
  });

  it("reports stale when no 1m bar closes for more than 3 minutes, and live again when bars arrive", async () => {
    const h = await harness(["1m", "2m"]);
    // the exchange stops publishing at T0+3m and resumes at T0+9m
    let publishedUntil = T0 + 3 * MINUTE;
    const fetchOHLCV = h.exchange.fetchOHLCV.bind(h.exchange);
    h.exchange.fetchOHLCV = async (...args: Parameters<Exchange["fetchOHLCV"]>) => (await fetchOHLCV(...args)).filter((row) => Number(row[0]) < publishedUntil);
    const timeline: { at: number; state: string }[] = [];
    h.options = {
      ...h.options,
      onStatus: (s) => {
        h.statuses.push(s);
        timeline.push({ at: h.clock.t, state: s.state });
        if (s.state === "stale") publishedUntil = Infinity;
      },
    };
    const ticks = await collect(h, T0 + 12 * MINUTE);
    expect(timeline.map((x) => x.state)).toEqual(["live", "stale", "live"]);
    const stale = h.statuses[1];
    expect(stale).toMatchObject({ state: "stale", lastBarClose: T0 + 3 * MINUTE });
    expect((stale as { sinceMs: number }).sinceMs).toBeGreaterThan(3 * MINUTE);
    // after the outage the missing bars are delivered in order, every close time once
    const closes = ticks.map((x) => x.tick.closeTime);
    expect(closes).toEqual(Array.from({ length: 11 }, (_, k) => T0 + (k + 1) * MINUTE));
  });
});
