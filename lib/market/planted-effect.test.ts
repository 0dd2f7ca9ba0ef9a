import { beforeAll, describe, expect, it } from "vitest";
import { checkedAt } from "./checked-at";
import { plantEffect, plantedEffectSchema, type PlantedEffect } from "./planted-effect";
import { resampleSeries } from "./resample-candles";
import { SeededRandom } from "./seeded-random";
import type { CandleSeries } from "./series";
import { streamingRsi } from "./streaming-rsi";
import { syntheticFundingProcess } from "./synthetic-funding";
import { syntheticInstrumentParams } from "./synthetic-instruments";
import { SyntheticMarketError, generateSyntheticMarket } from "./synthetic-market";
import { validateCandleSeries } from "./validate-candles";

const SYMBOL = "BTCUSDT.P";
const SEED = 5;
const START = Date.UTC(2025, 0, 1);
const TICK = syntheticInstrumentParams(SYMBOL).tick;
const [fundingAboveSchema, rsiBelowSchema] = plantedEffectSchema.options;
const FUNDING = fundingAboveSchema.parse({ kind: "funding-above", move: -0.01 });
const RSI = rsiBelowSchema.parse({ kind: "rsi-below", move: 0.005 });

const fundingProcess = (startMs: number) => syntheticFundingProcess(new SeededRandom(SEED, `funding/${SYMBOL}`), startMs);

function head(series: CandleSeries, bars: number): CandleSeries {
  const cut = (column: Float64Array) => column.slice(0, bars);
  return { ...series, length: bars, time: cut(series.time), open: cut(series.open), high: cut(series.high), low: cut(series.low), close: cut(series.close), volume: cut(series.volume) };
}

describe("plantEffect", () => {
  let base: CandleSeries;
  beforeAll(() => {
    base = checkedAt(generateSyntheticMarket({ seed: SEED, symbols: [SYMBOL], startMs: START, months: 2 }).instruments, 0).candles1m;
  });

  it("plants nothing with a zero move: the market is the one without an effect", () => {
    const plain = generateSyntheticMarket({ seed: SEED, symbols: [SYMBOL], startMs: START, months: 1 });
    for (const kind of ["funding-above", "rsi-below"] as const) {
      const zero = generateSyntheticMarket({ seed: SEED, symbols: [SYMBOL], startMs: START, months: 1, plantedEffect: { kind, move: 0 } });
      expect(checkedAt(zero.instruments, 0).candles1m, kind).toEqual(checkedAt(plain.instruments, 0).candles1m);
      expect(checkedAt(zero.instruments, 0).funding, kind).toEqual(checkedAt(plain.instruments, 0).funding);
      expect(checkedAt(zero.instruments, 0).plantedEvents, "triggers still counted").toBeGreaterThan(0);
    }
  });

  it.each([
    ["funding-above", FUNDING],
    ["rsi-below", RSI],
    ["rsi-below, bullish", { ...RSI, candle: "bullish" }],
  ] as [string, PlantedEffect][])("is causal (%s): planting into a cut-short base equals cutting the planted path short", (_kind, effect) => {
    const full = plantEffect(base, fundingProcess(START), effect, TICK);
    expect(full.events, "the effect fired").toBeGreaterThan(5);
    for (const bars of [7_777, 40_001, 61_440]) {
      const short = plantEffect(head(base, bars), fundingProcess(START), effect, TICK);
      expect(short.candles1m, `first ${bars} bars`).toEqual(head(full.candles1m, bars));
      expect(short.funding).toEqual(full.funding.filter((f) => f.time <= checkedAt(base.time, bars - 1)));
    }
  });

  it("leaves every bar up to the first funding trigger alone, then moves price by `move` over the window", () => {
    const planted = plantEffect(base, fundingProcess(START), FUNDING, TICK);
    const first = planted.funding.find((f) => f.rate > FUNDING.level);
    if (!first) throw new Error("no funding print above the level in two months");
    const at = (first.time - START) / 60_000;
    expect(head(planted.candles1m, at), "nothing before the print").toEqual(head(base, at));
    expect(checkedAt(planted.candles1m.open, at), "the print's bar opens where it would have").toBe(checkedAt(base.open, at));
    const end = at + FUNDING.minutes - 1;
    const ratio = checkedAt(planted.candles1m.close, end) / checkedAt(base.close, end);
    expect(ratio, "the whole move by the window's end").toBeCloseTo(1 + FUNDING.move, 5);
    expect(validateCandleSeries(planted.candles1m).issues, "still valid candles").toEqual([]);
  });

  it.each(["any", "bullish"] as const)("starts an RSI bounce (%s candle) on the bar after the first trigger bar, not before", (candle) => {
    const effect = { ...RSI, candle };
    const planted = plantEffect(base, fundingProcess(START), effect, TICK);
    const fiveMinute = resampleSeries(base, "5m").series;
    const rsi = streamingRsi(effect.period);
    let trigger = -1;
    for (let k = 0; k < fiveMinute.length && trigger < 0; k++) {
      const below = rsi(checkedAt(fiveMinute.close, k)) < effect.level;
      if (below && (candle === "any" || checkedAt(fiveMinute.close, k) > checkedAt(fiveMinute.open, k))) trigger = k;
    }
    expect(trigger).toBeGreaterThan(0);
    const firstAfter = (checkedAt(fiveMinute.time, trigger) + 5 * 60_000 - START) / 60_000;
    expect(head(planted.candles1m, firstAfter), "the trigger bar and everything before it untouched").toEqual(head(base, firstAfter));
    expect(checkedAt(planted.candles1m.close, firstAfter), "the bounce begins at once").toBeGreaterThan(checkedAt(base.close, firstAfter));
    const end = firstAfter + effect.minutes - 1;
    expect(checkedAt(planted.candles1m.close, end) / checkedAt(base.close, end)).toBeCloseTo(1 + effect.move, 5);
  });

  it("is refused with its field named when malformed", () => {
    expect(() => generateSyntheticMarket({ seed: 1, symbols: [SYMBOL], startMs: START, months: 1, plantedEffect: { kind: "rsi-below", move: 0.9 } })).toThrow(SyntheticMarketError);
    expect(() => generateSyntheticMarket({ seed: 1, symbols: [SYMBOL], startMs: START, months: 1, plantedEffect: { kind: "rsi-below", move: 0.9 } })).toThrow(/move/);
  });
});
