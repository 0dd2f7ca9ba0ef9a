import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { profitFactor } from "@/lib/backtest/metrics/profit-factor";
import { sharpeRatio } from "@/lib/backtest/metrics/risk-adjusted";
import { summarizeTrades } from "@/lib/backtest/metrics/trade-summary";
import { AnalysisError } from "./errors";
import { periodDailyReturns } from "./period-daily-returns";
import { tradesEnteredIn } from "./split-trades";
import { D0, dailyTrades } from "./testing/test-trades";
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
  // 400 days, 2 windows at 50 %: W = 400 / 1.5 = 266.7 days; tests [133.3, 266.7) and [266.7, 400).
  // Good trades every day until day 267, bad after: window 1's test passes, window 2's fails.
  const sample = { from: D0, to: D0 + 400 * DAY_MS, startingEquity: 10_000, trades: [...dailyTrades(0, 267, [30, 30, -10, 30]), ...dailyTrades(267, 133, [10, -20, -20])] };
  const thresholds = configSchema.parse({}).edgeThresholds;
  const options = { windows: 2, trainFraction: 0.5 };
  const results = evaluateWalkForward(sample, "15m", thresholds, options);

  it("judges each window's test segment", () => {
    expect(results.map((w) => [w.index, w.status])).toEqual([
      [0, "pass"],
      [1, "fail"],
    ]);
    expect(results[0]?.metrics.trades, "entries on days 134..266 (day 133 enters at 01:00, before the 08:00 start)").toBe(133);
  });

  it("measures each window exactly as its test segment's trades and days alone", () => {
    walkForwardWindows(sample.from, sample.to, options).forEach((window, k) => {
      const period = { from: window.trainTo, to: window.testTo };
      const own = tradesEnteredIn(sample.trades, period);
      const summary = summarizeTrades(own);
      const pf = profitFactor(own);
      const netPnl = own.reduce((s, t) => s + t.netPnl, 0);
      expect(results[k]?.metrics).toMatchObject({ from: period.from, to: period.to, trades: own.length, wins: summary.wins, winRate: summary.winRate, profitFactor: pf.value, netPnl });
      expect(results[k]?.metrics.sharpe, "the Sharpe of the run's daily returns inside the window").toBe(sharpeRatio(periodDailyReturns(sample, period)));
      expect(results[k]?.netReturn).toBeCloseTo(netPnl / 10_000, 12);
    });
  });
});
