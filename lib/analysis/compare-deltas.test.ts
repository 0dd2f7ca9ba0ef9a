import { describe, expect, it } from "vitest";
import type { Metrics } from "@/lib/backtest/metrics/types";
import { compareDeltas } from "./compare-deltas";

const metrics = (over: Partial<Metrics>): Metrics => ({ netReturn: 0, sharpe: null, maxDrawdown: 0, profitFactor: null, profitFactorUnbounded: false, trades: 0, winRate: null, ...over }) as Metrics;

describe("compareDeltas", () => {
  it("subtracts the base run's figures from the run's", () => {
    const base = metrics({ netReturn: 0.1, sharpe: 1.5, maxDrawdown: 0.2, profitFactor: 1.4, trades: 40, winRate: 0.5 });
    const run = metrics({ netReturn: 0.05, sharpe: 2, maxDrawdown: 0.1, profitFactor: 1.6, trades: 55, winRate: 0.6 });
    const d = compareDeltas(base, run);
    expect(d.netReturn).toBeCloseTo(-0.05, 12);
    expect(d.sharpe).toBeCloseTo(0.5, 12);
    expect(d.maxDrawdown, "a smaller drawdown is a negative difference").toBeCloseTo(-0.1, 12);
    expect(d.profitFactor).toBeCloseTo(0.2, 12);
    expect(d.trades).toBe(15);
    expect(d.winRate).toBeCloseTo(0.1, 12);
  });

  it("has no difference where either side is undefined or the profit factor unbounded", () => {
    const d = compareDeltas(metrics({ sharpe: 1, profitFactor: 2, winRate: 0.5 }), metrics({ profitFactor: null, profitFactorUnbounded: true }));
    expect(d.sharpe).toBeNull();
    expect(d.profitFactor).toBeNull();
    expect(d.winRate).toBeNull();
  });
});
