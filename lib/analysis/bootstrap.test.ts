import { describe, expect, it } from "vitest";
import { bootstrapTradeStats } from "./bootstrap";
import { AnalysisError } from "./errors";
import { wilsonInterval } from "./wilson-interval";

// 100 trades, 60 winners of +2 and 40 losers of −1: win rate 0.6, profit factor 120/40 = 3.
const PNLS = Array.from({ length: 100 }, (_, i) => (i % 5 < 3 ? 2 : -1));

describe("bootstrap confidence intervals", () => {
  it("is deterministic for a seed and brackets the point estimates", () => {
    const a = bootstrapTradeStats(PNLS, { seed: 7 });
    expect(bootstrapTradeStats(PNLS, { seed: 7 }), "same seed, same answer").toEqual(a);
    expect(a.resamples).toBe(2000);
    expect(a.confidence).toBe(0.95);
    expect(a.winRate?.lower).toBeLessThan(0.6);
    expect(a.winRate?.upper).toBeGreaterThan(0.6);
    expect(a.profitFactor?.lower).toBeLessThan(3);
    expect(a.profitFactor?.upper).toBeGreaterThan(3);
    expect(a.profitFactor?.unboundedShare).toBe(0);
  });

  it("the win-rate interval agrees with Wilson's to within sampling noise", () => {
    // Wilson 95 % for 60/100 is about [0.502, 0.691]; the percentile bootstrap of a proportion is close to it.
    const boot = bootstrapTradeStats(PNLS, { seed: 3 }).winRate;
    const wilson = wilsonInterval(60, 100);
    expect(Math.abs((boot?.lower ?? NaN) - (wilson?.lower ?? NaN))).toBeLessThan(0.03);
    expect(Math.abs((boot?.upper ?? NaN) - (wilson?.upper ?? NaN))).toBeLessThan(0.03);
  });

  it("a list without losers has win rate [1, 1] and an unbounded profit factor (null bounds, flagged)", () => {
    const b = bootstrapTradeStats([1, 2, 3], { resamples: 200 });
    expect(b.winRate).toEqual({ lower: 1, upper: 1 });
    expect(b.profitFactor).toEqual({ lower: null, upper: null, lowerUnbounded: true, upperUnbounded: true, unboundedShare: 1 });
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });

  it("a few winners among losers: the upper PF bound may be unbounded, the lower one finite", () => {
    const b = bootstrapTradeStats([5, -1, -1, -1], { resamples: 500, seed: 2 });
    expect(b.profitFactor?.lower).toBe(0);
    expect(b.profitFactor?.upperUnbounded).toBe(false);
    expect(b.profitFactor?.unboundedShare, "P(no loser in 4 draws) = 1/256").toBeLessThan(0.02);
  });

  it("no trades → null intervals; bad options are refused", () => {
    expect(bootstrapTradeStats([])).toMatchObject({ winRate: null, profitFactor: null });
    expect(() => bootstrapTradeStats(PNLS, { resamples: 0 })).toThrow(AnalysisError);
    expect(() => bootstrapTradeStats(PNLS, { confidence: 1 })).toThrow(AnalysisError);
  });
});
