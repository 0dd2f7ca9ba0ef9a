import { describe, expect, it } from "vitest";
import type { Candle } from "./candle";
import { ResampleError, resampleCandles, resampleSeries } from "./resample-candles";
import { toCandleSeries } from "./series";

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1, 0, 0); // aligned on every timeframe

/** 1m bar i with distinct, checkable values: open i, high i+10, low i-10 (so the extremes are easy to spot), close i+0.5, volume 1. */
function bar(minute: number, overrides: Partial<Candle> = {}): Candle {
  return { time: T0 + minute * MIN, open: 100 + minute, high: 110 + minute, low: 90 + minute, close: 100.5 + minute, volume: 1, ...overrides };
}

describe("resampleCandles", () => {
  it("aggregates complete 1m buckets into 5m OHLCV", () => {
    const minutes = Array.from({ length: 10 }, (_, i) => bar(i, { volume: i + 1 }));
    minutes[2] = bar(2, { high: 500, volume: 3 }); // spike in the middle of the first bucket
    minutes[8] = bar(8, { low: 1, volume: 9 });
    const { candles, incomplete, pendingTime } = resampleCandles(minutes, "1m", "5m");
    expect(candles).toEqual([
      { time: T0, open: 100, high: 500, low: 90, close: 104.5, volume: 1 + 2 + 3 + 4 + 5 },
      { time: T0 + 5 * MIN, open: 105, high: 119, low: 1, close: 109.5, volume: 6 + 7 + 8 + 9 + 10 },
    ]);
    expect(incomplete).toEqual([]);
    expect(pendingTime).toBeNull();
  });

  it("emits a bucket with a missing minute but lists it as incomplete", () => {
    const minutes = [0, 1, 3, 4, 5, 6, 7, 8, 9].map((m) => bar(m)); // minute 2 absent
    const { candles, incomplete } = resampleCandles(minutes, "1m", "5m");
    expect(candles).toHaveLength(2);
    expect(candles[0]).toEqual({ time: T0, open: 100, high: 114, low: 90, close: 104.5, volume: 4 });
    expect(incomplete).toEqual([{ time: T0, missing: 1 }]);
  });

  it("flags an unaligned start as a partial first bucket", () => {
    const minutes = [3, 4, 5, 6, 7, 8, 9].map((m) => bar(m));
    const { candles, incomplete } = resampleCandles(minutes, "1m", "5m");
    expect(candles.map((c) => c.time)).toEqual([T0, T0 + 5 * MIN]);
    expect(candles[0]).toMatchObject({ open: 103, close: 104.5, volume: 2 });
    expect(incomplete).toEqual([{ time: T0, missing: 3 }]);
  });

  it("holds back an in-progress last bucket", () => {
    const minutes = Array.from({ length: 13 }, (_, i) => bar(i)); // 00:10-00:12 of the third bucket only
    const { candles, incomplete, pendingTime } = resampleCandles(minutes, "1m", "5m");
    expect(candles.map((c) => c.time)).toEqual([T0, T0 + 5 * MIN]);
    expect(incomplete).toEqual([]);
    expect(pendingTime).toBe(T0 + 10 * MIN);
  });

  it("emits a short last bucket once the clock says it has closed, marked incomplete", () => {
    const minutes = Array.from({ length: 13 }, (_, i) => bar(i));
    const stillOpen = resampleCandles(minutes, "1m", "5m", { nowMs: T0 + 14 * MIN + 59_999 });
    expect(stillOpen.candles).toHaveLength(2);
    const closed = resampleCandles(minutes, "1m", "5m", { nowMs: T0 + 15 * MIN });
    expect(closed.candles).toHaveLength(3);
    expect(closed.candles[2]).toMatchObject({ time: T0 + 10 * MIN, open: 110, close: 112.5, volume: 3 });
    expect(closed.incomplete).toEqual([{ time: T0 + 10 * MIN, missing: 2 }]);
    expect(closed.pendingTime).toBeNull();
  });

  it("does not emit buckets without source bars across a long gap", () => {
    const minutes = [0, 1, 2, 3, 4, 60, 61].map((m) => bar(m));
    const { candles, incomplete } = resampleCandles(minutes, "1m", "15m", { nowMs: T0 + 2 * 3_600_000 });
    expect(candles.map((c) => c.time)).toEqual([T0, T0 + 60 * MIN]);
    expect(incomplete).toEqual([
      { time: T0, missing: 10 },
      { time: T0 + 60 * MIN, missing: 13 },
    ]);
  });

  it("resamples 5m to 30m and 1m to 2m", () => {
    const fives = Array.from({ length: 12 }, (_, i) => ({ ...bar(i * 5), time: T0 + i * 5 * MIN }));
    const thirty = resampleCandles(fives, "5m", "30m");
    expect(thirty.candles.map((c) => [c.time, c.open, c.close, c.volume])).toEqual([
      [T0, 100, 125.5, 6],
      [T0 + 30 * MIN, 130, 155.5, 6],
    ]);
    const two = resampleCandles([bar(0), bar(1), bar(2), bar(3)], "1m", "2m");
    expect(two.candles.map((c) => [c.open, c.high, c.low, c.close])).toEqual([
      [100, 111, 90, 101.5],
      [102, 113, 92, 103.5],
    ]);
  });

  it("refuses timeframes that do not nest, unsorted and misaligned input", () => {
    expect(() => resampleCandles([bar(0)], "5m", "2m")).toThrow(/2m must be a whole multiple of 5m/);
    expect(() => resampleCandles([bar(0)], "5m", "1m")).toThrow(ResampleError);
    expect(() => resampleCandles([bar(1), bar(0)], "1m", "5m")).toThrow(/bar 1 .* is not after the bar before it/);
    expect(() => resampleCandles([bar(0, { time: T0 + 30_000 })], "1m", "5m")).toThrow(/not aligned to 1m/);
  });

  it("returns nothing for no input", () => {
    expect(resampleCandles([], "1m", "5m")).toEqual({ candles: [], incomplete: [], pendingTime: null });
  });
});

describe("resampleSeries", () => {
  it("matches the object variant and keeps the symbol", () => {
    const minutes = Array.from({ length: 47 }, (_, i) => bar(i, { volume: (i % 7) + 0.25 })).filter((_, i) => i !== 20);
    const viaObjects = resampleCandles(minutes, "1m", "15m", { nowMs: T0 + 3_600_000 });
    const viaSeries = resampleSeries(toCandleSeries("BTCUSDT.P", "1m", minutes), "15m", { nowMs: T0 + 3_600_000 });
    expect(viaSeries.series.symbol).toBe("BTCUSDT.P");
    expect(viaSeries.series.timeframe).toBe("15m");
    expect(Array.from(viaSeries.series.close)).toEqual(viaObjects.candles.map((c) => c.close));
    expect(Array.from(viaSeries.series.volume)).toEqual(viaObjects.candles.map((c) => c.volume));
    expect(viaSeries.incomplete).toEqual([
      { time: T0 + 15 * MIN, missing: 1 },
      { time: T0 + 45 * MIN, missing: 13 },
    ]);
  });
});
