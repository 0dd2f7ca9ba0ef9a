import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import type { MatchingTrial } from "./judge-market";
import { estimatePower } from "./power-estimate";

const config = configSchema.parse({});

/** A matching trial over six months (182 daily returns), good on every check unless told otherwise. */
function trial(seed: number, overrides: Partial<MatchingTrial> = {}): MatchingTrial {
  const wobble = (seed % 3) - 1;
  return {
    symbol: "BTCUSDT.P",
    passed: true,
    blockers: [],
    trades: 400,
    meanBps: 30,
    sdBps: 50,
    winRate: 0.75 + 0.02 * wobble,
    profitFactor: 3 + 0.3 * wobble,
    sharpe: 15 + wobble,
    dailySharpe: 1 + 0.05 * wobble,
    days: 182,
    skewness: 0,
    kurtosis: 3,
    sharpeVariance: 0.02,
    deflatedSharpe: 1,
    ...overrides,
  };
}

const seeds = (overrides: Partial<MatchingTrial> = {}) => [1, 2, 3, 4, 5, 6].map((s) => trial(s, overrides));

describe("estimatePower", () => {
  it("puts a clear edge with plenty of trades at 80% power within the measured six months", () => {
    const estimate = estimatePower(seeds(), config, "5m", 6, 186);
    expect(estimate.atMeasuredLength).toBeGreaterThan(0.9);
    expect(estimate.monthsFor80).toBeLessThanOrEqual(6);
    expect(estimate.limits).toEqual([]);
  });

  it("needs more months when the out-of-sample share is short of trades", () => {
    const estimate = estimatePower(seeds({ trades: 60 }), config, "5m", 6, 186);
    expect(estimate.atMeasuredLength, "18 out-of-sample trades < 30").toBe(0);
    expect(estimate.monthsFor80, "30 / (0.3 × 10 a month) = 10 months").toBe(10);
  });

  it("says no length gets there when a fixed bar is above the edge's true level", () => {
    const estimate = estimatePower(seeds({ winRate: 0.5 }), config, "5m", 6, 186);
    expect(estimate.monthsFor80).toBeNull();
    expect(estimate.limits).toEqual(["win rate 50.0% < 55.0%"]);
  });

  it("says no length gets there when the daily Sharpe is below the benchmark's floor (the trials' real spread)", () => {
    // √(0.03 − 1/182) × E[max of 186] ≈ 0.43 per day, however long the data.
    const estimate = estimatePower(seeds({ dailySharpe: 0.35, sharpeVariance: 0.03 }), config, "5m", 6, 186);
    expect(estimate.monthsFor80).toBeNull();
    expect(estimate.limits.join("; ")).toMatch(/^daily Sharpe 0\.35 ≤ 0\.4\d, the deflated Sharpe's floor$/);
  });
});
