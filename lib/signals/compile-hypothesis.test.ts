import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { compileHypothesis } from "./compile-hypothesis";
import { discoverHypotheses } from "./discover-hypotheses";
import { findIndicator } from "./indicator-registry";
import { IndicatorCache } from "./indicator-cache";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";

describe("compileHypothesis", () => {
  const all = discoverHypotheses(configSchema.parse({}));

  it("turns a 2m hypothesis into signals and ATR-based exit levels", () => {
    const spike = all.find((x) => x.name.startsWith("Spike_Reversal_2m_Long"));
    if (!spike) throw new Error("catalog changed");
    const compiled = compileHypothesis(spike);
    const base = randomWalkSeries("BTCUSDT.P", spike.timeframe, 3000, 4);
    const ctx = { base, higher: {}, cache: new IndicatorCache() };
    const t = 500;
    const atrDef = findIndicator("ATR");
    if (!atrDef) throw new Error("no ATR");
    const atr = ctx.cache.indicator(base, atrDef, [14]).value?.[t] ?? Number.NaN;
    const entry = base.close[t] ?? 0;
    const levels = compiled.exitsAt(ctx, t, entry);
    expect(compiled.stop).toEqual({ kind: "atr", multiple: 1, period: 14, side: "below" });
    expect(levels.stopDistance).toBeCloseTo(atr, 10);
    expect(levels.stopPrice).toBeCloseTo(entry - atr, 8);
    expect(levels.targetPrice).toBeCloseTo(entry + 2 * atr, 8);
    expect(Number.isNaN(compiled.exitsAt(ctx, 5, entry).stopPrice)).toBe(true);
    expect(compiled.signals(ctx).length).toBe(base.length);
  });

  it("reports data needs of multi-timeframe and funding hypotheses", () => {
    const pullback = all.find((h) => h.entryConditions.includes("30m: Close > SMA(50)"));
    const funding = all.find((h) => h.signalType === "funding");
    if (!pullback || !funding) throw new Error("catalog changed");
    expect(compileHypothesis(pullback).timeframes).toEqual(["30m", "15m"]);
    expect(compileHypothesis(funding).needsFunding).toBe(true);
  });
});
