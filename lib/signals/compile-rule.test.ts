import { describe, expect, it } from "vitest";
import type { CandleSeries } from "@/lib/market/series";
import { compileCondition, compileRule, type SignalContext } from "./compile-rule";
import { SignalDataError } from "./errors";
import { IndicatorCache } from "./indicator-cache";
import { parseCondition } from "./rule-parser";
import { EPOCH_START, randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { seriesOf } from "./testing/series-of";

const ctxOf = (base: CandleSeries, extra: Partial<SignalContext> = {}): SignalContext => ({ base, higher: {}, cache: new IndicatorCache(), ...extra });
const run = (rules: string[], ctx: SignalContext) => Array.from(compileRule(rules).evaluate(ctx));

describe("compileRule", () => {
  it("compares a price with a number and with an indicator; NaN (warm-up) is false", () => {
    const ctx = ctxOf(seriesOf([1, 2, 3, 4, 5, 1]));
    expect(run(["Close > 2.5"], ctx)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(run(["Close >= SMA(3)"], ctx)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(run(["Close < SMA(3)"], ctx)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it("ANDs every condition", () => {
    const ctx = ctxOf(seriesOf([1, 2, 3, 4, 5, 1]));
    expect(run(["Close > 1.5", "Close < 4.5"], ctx)).toEqual([0, 1, 1, 1, 0, 0]);
  });

  it("crosses: previous bar at-or-below, current bar above (and the mirror)", () => {
    const ctx = ctxOf(seriesOf([5, 3, 3, 6, 7, 2, 8]));
    expect(run(["Close crosses above 3"], ctx)).toEqual([0, 0, 0, 1, 0, 0, 1]);
    // 5 → 3 touches but does not go below, so only 7 → 2 counts.
    expect(run(["Close crosses below 3"], ctx)).toEqual([0, 0, 0, 0, 0, 1, 0]);
  });

  it("rising/falling N compare with the value N bars back", () => {
    const ctx = ctxOf(seriesOf([1, 2, 1, 3, 0, 4], { volume: [1, 1, 1, 3, 1, 5] }));
    // OBV: NaN, 1, 0, 3, 2, 7 (OBV at t−2 is NaN for t = 2)
    expect(run(["OBV rising 2"], ctx)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(run(["OBV falling 1"], ctx)).toEqual([0, 0, 1, 0, 1, 0]);
    expect(run(["Close rising 1"], ctx)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(run(["Close falling 1"], ctx)).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it("`Volume > 1.5x average` compares with 1.5 × the 20-bar SMA of volume, including the current bar", () => {
    const volume = Array.from({ length: 25 }, (_, i) => (i === 22 ? 40 : 10));
    const ctx = ctxOf(seriesOf(volume.map(() => 100), { volume }));
    const out = run(["Volume > 1.5x average"], ctx);
    // at 22 the average is (19·10 + 40)/20 = 11.5 → 1.5× = 17.25 < 40
    expect(out.map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([22]);
    expect(run(["Volume > 5x average"], ctx).every((v) => v === 0)).toBe(true);
  });

  it("`ATR(14) > 1.2x ATR(14) average` needs 14 + 19 bars of warm-up before it can be true", () => {
    const s = randomWalkSeries("BTCUSDT.P", "5m", 300, 3);
    const out = run(["ATR(14) > 0.5x ATR(14) average"], ctxOf(s));
    expect(out.slice(0, 33).every((v) => v === 0)).toBe(true);
    expect(out.slice(33).some((v) => v === 1)).toBe(true);
  });

  it("reads another timeframe only through its last closed bar", () => {
    // 5m base from 00:00; 15m bars at 00:00, 00:15, 00:30 with closes 1, 2, 3.
    const base = seriesOf(Array.from({ length: 9 }, () => 1), { timeframe: "5m" });
    const higher = seriesOf([1, 2, 3], { timeframe: "15m" });
    const ctx = ctxOf(base, { higher: { "15m": higher } });
    // 5m bar 2 (00:10–00:15) closes with the first 15m bar; bar 5 with the second.
    expect(run(["15m: Close >= 1"], ctx)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(run(["15m: Close >= 2"], ctx)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(run(["15m: Close >= 3"], ctx)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("evaluates crosses on the other timeframe's own bars", () => {
    const base = seriesOf(Array.from({ length: 12 }, () => 1), { timeframe: "5m" });
    const higher = seriesOf([1, 5, 5, 5], { timeframe: "15m" });
    const out = run(["15m: Close crosses above 3"], ctxOf(base, { higher: { "15m": higher } }));
    // The cross happens on the 15m bar closing at 00:30, i.e. visible for 5m bars 5..7 only.
    expect(out).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0]);
  });

  it("uses the last funding rate published at or before the bar's close", () => {
    const H = 3_600_000;
    const base = seriesOf([1, 1, 1, 1], { timeframe: "4h" });
    // 8-hourly events; the last one lands exactly on bar 2's close.
    const funding = { symbol: "TESTUSDT.P", length: 3, time: Float64Array.from([EPOCH_START - 4 * H, EPOCH_START + 4 * H, EPOCH_START + 12 * H]), rate: Float64Array.from([0, 0.0005, -0.0004]) };
    const ctx = ctxOf(base, { funding });
    expect(run(["Funding > 0.0003"], ctx)).toEqual([1, 1, 0, 0]);
    expect(run(["Funding < -0.0002"], ctx)).toEqual([0, 0, 1, 1]);
  });

  it("reads Funding as an 8-hour-equivalent rate, so hourly venues (Kraken) compare on the same scale", () => {
    const H = 3_600_000;
    const base = seriesOf([1, 1, 1, 1], { timeframe: "1h" });
    // Hourly 0.00004 is 0.00032 per 8h: above the 0.0003 extreme. The first bar knows one event only: no interval yet.
    const funding = { symbol: "TESTUSDT.P", length: 4, time: Float64Array.from([1, 2, 3, 4].map((h) => EPOCH_START + h * H)), rate: Float64Array.from([0.00004, 0.00004, 0.00003, 0.00003]) };
    const ctx = ctxOf(base, { funding });
    expect(run(["Funding > 0.0003"], ctx)).toEqual([0, 1, 0, 0]);
    expect(run(["Funding > 0.0002"], ctx), "0.00003 hourly is 0.00024 per 8h").toEqual([0, 1, 1, 1]);
  });

  it("fails loudly, with a typed error, when the context lacks data a rule needs", () => {
    const ctx = ctxOf(seriesOf([1, 2, 3]));
    expect(() => run(["30m: Close > SMA(50)"], ctx)).toThrow(SignalDataError);
    expect(() => run(["30m: Close > SMA(50)"], ctx)).toThrow(/needs 30m candles/);
    expect(() => run(["Funding > 0.0003"], ctx)).toThrow(/no funding series/);
  });

  it("reports what data a rule needs", () => {
    const rule = compileRule(["30m: Close > SMA(50)", "15m: RSI(14) < 45", "Funding < -0.0002", "Close crosses above EMA(9)"]);
    expect(rule.timeframes).toEqual(["30m", "15m"]);
    expect(rule.needsFunding).toBe(true);
    expect(rule.conditions.map((c) => c.canonical)).toEqual(["30m: Close > SMA(50)", "15m: RSI(14) < 45", "Funding < -0.0002", "Close crosses above EMA(9)"]);
  });

  it("`Price > 50-SMA` and `Close > SMA(50)` mean the same", () => {
    const ctx = ctxOf(randomWalkSeries("BTCUSDT.P", "5m", 200, 5));
    expect(run(["Price > 50-SMA"], ctx)).toEqual(run(["Close > SMA(50)"], ctx));
    expect(compileCondition(parseCondition("Price > 50-SMA")).canonical).toBe("Close > SMA(50)");
  });
});

describe("IndicatorCache", () => {
  it("computes RSI(14) once for 50 hypotheses that share it", () => {
    const ctx = ctxOf(randomWalkSeries("BTCUSDT.P", "5m", 500, 9));
    for (let i = 0; i < 50; i++) compileRule([`RSI(14) < ${20 + i / 2}`, "Volume > 1.5x average"]).evaluate(ctx);
    expect(ctx.cache.computations("RSI(14)")).toBe(1);
    expect(ctx.cache.computations("1.5x Volume average")).toBe(1);
    expect(ctx.cache.computations("Volume average")).toBe(1);
    compileRule(["RSI(7) < 30"]).evaluate(ctx);
    expect(ctx.cache.computations("RSI(7)")).toBe(1);
    expect(ctx.cache.computations("RSI(14)")).toBe(1);
  });

  it("keeps series apart, including a truncated copy of the same instrument", () => {
    const cache = new IndicatorCache();
    const full = randomWalkSeries("BTCUSDT.P", "5m", 300, 9);
    const eth = randomWalkSeries("ETHUSDT.P", "5m", 300, 10);
    const short = { ...full, length: 100, time: full.time.subarray(0, 100), close: full.close.subarray(0, 100) };
    const rule = compileRule(["RSI(14) < 50"]);
    for (const base of [full, eth, short, full]) rule.evaluate({ base, higher: {}, cache });
    expect(cache.computations("RSI(14)")).toBe(3);
  });
});
