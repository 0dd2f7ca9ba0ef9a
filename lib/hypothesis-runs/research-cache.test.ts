import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { findIndicator } from "@/lib/signals/indicator-registry";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { ResearchCache } from "./research-cache";

const REGIME = configSchema.parse({}).regime;
const RSI = findIndicator("RSI");

describe("ResearchCache.forThread", () => {
  it("computes an indicator and the regimes once per series content, across tasks holding their own copies", () => {
    if (!RSI) throw new Error("no RSI");
    const series = randomWalkSeries("CACHEUSDT.P", "5m", 3_000, 41);
    const first = ResearchCache.forThread(REGIME);
    const before = first.indicators.computations("RSI(14)");
    const rsi = first.indicators.indicator(series, RSI, [14]);
    const regimes = first.regimesOf(series);
    // The next task receives a structured clone of the same series, as a worker thread does.
    const next = ResearchCache.forThread(REGIME);
    const copy = structuredClone(series);
    expect(next.indicators.indicator(copy, RSI, [14]), "the same column, not a recomputation").toBe(rsi);
    expect(next.regimesOf(copy)).toBe(regimes);
    expect(next.indicators.computations("RSI(14)") - before).toBe(1);
  });

  it("recomputes for a series whose content differs under the same name and range", () => {
    if (!RSI) throw new Error("no RSI");
    const series = randomWalkSeries("CACHEUSDT.P", "5m", 3_000, 42);
    const changed = structuredClone(series);
    changed.close[2_999] = (changed.close[2_999] ?? 0) * 1.01;
    const cache = ResearchCache.forThread(REGIME);
    const rsi = cache.indicators.indicator(series, RSI, [14]).value;
    const other = cache.indicators.indicator(changed, RSI, [14]).value;
    expect(other?.[2_999]).not.toBe(rsi?.[2_999]);
    expect(Array.from(other?.subarray(0, 2_999) ?? [])).toEqual(Array.from(rsi?.subarray(0, 2_999) ?? []));
  });

  it("keeps a private cache private", () => {
    if (!RSI) throw new Error("no RSI");
    const series = randomWalkSeries("CACHEUSDT.P", "5m", 3_000, 43);
    const shared = ResearchCache.forThread(REGIME).indicators.indicator(series, RSI, [14]);
    expect(new ResearchCache(REGIME).indicators.indicator(series, RSI, [14])).not.toBe(shared);
  });
});
