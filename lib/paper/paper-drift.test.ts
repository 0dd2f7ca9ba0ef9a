import { describe, expect, it } from "vitest";
import { paperDrift } from "./paper-drift";

const interval = { lower: 0.4, upper: 0.6 };

describe("paperDrift", () => {
  it("flags nothing below the minimum trade count, however far off the win rate is", () => {
    expect(paperDrift({ trades: 5, winRate: 0 }, interval, 30)).toEqual({ state: "too_few_trades", direction: null, trades: 5, minTrades: 30 });
  });

  it("says which way paper drifted once there are enough trades", () => {
    expect(paperDrift({ trades: 30, winRate: 0.7 }, interval, 30)).toMatchObject({ state: "drift", direction: "better" });
    expect(paperDrift({ trades: 40, winRate: 0.3 }, interval, 30)).toMatchObject({ state: "drift", direction: "worse" });
    expect(paperDrift({ trades: 40, winRate: 0.6 }, interval, 30), "the interval's bounds are inside").toMatchObject({ state: "in_line", direction: null });
  });

  it("has nothing to compare without a backtest interval or a paper trade", () => {
    expect(paperDrift({ trades: 50, winRate: 0.5 }, null, 30).state).toBe("no_comparison");
    expect(paperDrift({ trades: 0, winRate: null }, interval, 30).state).toBe("no_comparison");
  });
});
