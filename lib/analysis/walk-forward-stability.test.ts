import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { DEFAULT_WALK_FORWARD, configSchema } from "@/lib/config-schema";
import { D0, dailyTrades } from "./testing/test-trades";
import type { AnalysisTrade } from "./types";
import { evaluateWalkForward } from "./walk-forward";
import { walkForwardStability } from "./walk-forward-stability";

const thresholds = configSchema.parse({}).edgeThresholds;

/**
 * 190 days with the default 4 windows at 70 % train: W = 190 / 1.9 = 100 days, stepped by 30, so the test segments
 * are days [70, 100), [100, 130), [130, 160) and [160, 190).
 */
function stabilityOf(trades: AnalysisTrade[]) {
  const sample = { from: D0, to: D0 + 190 * DAY_MS, startingEquity: 10_000, trades };
  return walkForwardStability(evaluateWalkForward(sample, "15m", thresholds, DEFAULT_WALK_FORWARD), DEFAULT_WALK_FORWARD);
}

describe("walk-forward stability", () => {
  it("an edge spread evenly over the windows is not flagged", () => {
    const s = stabilityOf(dailyTrades(0, 190, [30, -10]));
    expect(s).toMatchObject({ windows: 4, profitableWindows: 4, concentrated: false, reasons: [] });
    expect(s.largestWindowShare, "each window holds about a quarter of the profit").toBeLessThan(0.3);
    expect(s.sharpeDispersion).not.toBeNull();
  });

  it("a profit made in one window is flagged, naming the window and its share", () => {
    // Break-even churn everywhere, plus winners only in days 130..159: the third test window.
    const s = stabilityOf([...dailyTrades(0, 190, [10, -10]), ...dailyTrades(130, 30, [50])].sort((a, b) => a.entryTime - b.entryTime));
    expect(s).toMatchObject({ profitableWindows: 1, largestWindow: 2, concentrated: true });
    expect(s.largestWindowShare).toBeCloseTo(1, 12);
    expect(s.reasons).toEqual(["window 3 carries 100% of the windows' net profit (> 75%)", "profitable in 1 of 4 windows (< 2)"]);
  });

  it("losing windows offset the winners: a share above 1 when the rest lost money", () => {
    const s = stabilityOf([...dailyTrades(70, 30, [40]), ...dailyTrades(100, 60, [10, -20]), ...dailyTrades(160, 30, [5, 5, -5])]);
    expect(s.profitableWindows).toBe(2);
    expect(s.largestWindowShare, "window 1 made more than all four together").toBeGreaterThan(1);
    expect(s.concentrated).toBe(true);
  });

  it("no profit across the windows is not a concentrated edge, but no walk-forward support either", () => {
    const s = stabilityOf([...dailyTrades(0, 70, [50]), ...dailyTrades(70, 120, [10, -20])]);
    expect(s).toMatchObject({ profitableWindows: 0, largestWindowShare: null, concentrated: false });
    expect(s.reasons, "a profit made before the first test window only").toEqual(["no net profit across the 4 windows"]);
  });
});
