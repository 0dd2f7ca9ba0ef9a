import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { AnalysisError } from "./errors";
import { D0, dailyTrades } from "./test-support";
import { evaluateWalkForward, walkForwardWindows } from "./walk-forward";

describe("walk-forward windows", () => {
  it("4 windows at 70 % train over [0, 1000): W = 1000 / 1.9 = 526.3, step 157.9, test segments tile the end", () => {
    expect(walkForwardWindows(0, 1000).map((w) => [w.trainFrom, w.trainTo, w.testTo])).toEqual([
      [0, 368, 526],
      [158, 526, 684],
      [316, 684, 842],
      [474, 842, 1000],
    ]);
  });

  it("one window is the plain 70/30 split", () => {
    expect(walkForwardWindows(0, 1000, { windows: 1 })).toEqual([{ index: 0, trainFrom: 0, trainTo: 700, testTo: 1000 }]);
  });

  it("refuses bad parameters", () => {
    expect(() => walkForwardWindows(10, 10)).toThrow(AnalysisError);
    expect(() => walkForwardWindows(0, 10, { windows: 0 })).toThrow(AnalysisError);
    expect(() => walkForwardWindows(0, 10, { trainFraction: 0 })).toThrow(AnalysisError);
  });
});

describe("walk-forward evaluation", () => {
  it("judges each window's train and test segment and the pooled test segments", () => {
    // 400 days, 2 windows at 50 %: W = 400 / 1.5 = 266.7 days; tests [133.3, 266.7) and [266.7, 400).
    // Good trades every day until day 267, bad after: window 1's test passes, window 2's fails.
    const sample = { from: D0, to: D0 + 400 * DAY_MS, startingEquity: 10_000, trades: [...dailyTrades(0, 267, [30, 30, -10, 30]), ...dailyTrades(267, 133, [10, -20, -20])] };
    const r = evaluateWalkForward(sample, "15m", configSchema.parse({}).edgeThresholds, { windows: 2, trainFraction: 0.5 });
    expect(r.windows.map((w) => [w.train.verdict.status, w.test.verdict.status])).toEqual([
      ["pass", "pass"],
      ["pass", "fail"],
    ]);
    expect([r.testPasses, r.testFails, r.testInsufficient]).toEqual([1, 1, 0]);
    expect(r.pooledTest.metrics.from).toBe(r.windows[0]?.window.trainTo);
    expect(r.pooledTest.metrics.trades, "entries on days 134..399 (day 133 enters at 01:00, before the 08:00 start)").toBe(266);
  });
});
