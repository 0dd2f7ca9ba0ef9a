import { describe, expect, it } from "vitest";
import { compareFilter } from "./filter-comparison";

const trades = (wins: number, losses: number, win = 2, loss = -1) => [...Array<number>(wins).fill(win), ...Array<number>(losses).fill(loss)].map((netPnl) => ({ netPnl }));

describe("higher-timeframe filter comparison", () => {
  it("60/100 with the filter vs 45/100 without: +15 points, z = 2.124, p = 0.0337 → better", () => {
    const c = compareFilter(trades(45, 55), trades(60, 40));
    expect(c.without).toEqual({ trades: 100, wins: 45, winRate: 0.45, profitFactor: 90 / 55, profitFactorUnbounded: false });
    expect(c.with).toEqual({ trades: 100, wins: 60, winRate: 0.6, profitFactor: 3, profitFactorUnbounded: false });
    expect(c.winRateDifference).toBeCloseTo(0.15, 12);
    expect(c.profitFactorDifference).toBeCloseTo(3 - 90 / 55, 12);
    expect(c.z).toBeCloseTo(2.123976976214366, 9);
    expect(c.pValue).toBeCloseTo(0.03367206885634585, 9);
    expect(c.verdict).toBe("better");
  });

  it("the reverse is worse; a small difference is not significant", () => {
    expect(compareFilter(trades(60, 40), trades(45, 55)).verdict).toBe("worse");
    const small = compareFilter(trades(50, 50), trades(27, 23));
    expect(small.pValue).toBeGreaterThan(0.05);
    expect(small.verdict).toBe("no significant difference");
  });

  it("a filter that removes every trade cannot be judged", () => {
    const c = compareFilter(trades(10, 10), []);
    expect(c).toMatchObject({ winRateDifference: null, z: null, pValue: null, verdict: "no significant difference" });
    expect(c.with).toEqual({ trades: 0, wins: 0, winRate: null, profitFactor: null, profitFactorUnbounded: false });
  });
});
