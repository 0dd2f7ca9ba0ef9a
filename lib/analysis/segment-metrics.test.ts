import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { sharpeRatio } from "@/lib/backtest/metrics/risk-adjusted";
import { periodDailyReturns } from "./period-daily-returns";
import { realisedEquity } from "./realised-equity";
import { segmentMetrics } from "./segment-metrics";
import { D0, HOUR_MS, testTrade } from "./testing/test-trades";

describe("realised equity", () => {
  it("books each trade's PnL at its exit, in exit order", () => {
    const curve = realisedEquity([testTrade(0, 10, 50), testTrade(5, -4, 20)], 100);
    expect(curve).toEqual({ time: [20, 50], equity: [96, 106] });
  });
});

describe("segment daily returns and metrics", () => {
  // Trades exiting at 02:00 of days 0, 1, 2, 3: +100, −50, +200, +0 on 10 000.
  const trades = [100, -50, 200, 0].map((pnl, d) => testTrade(D0 + d * DAY_MS + HOUR_MS, pnl));
  const sample = { trades, startingEquity: 10_000, from: D0, to: D0 + 4 * DAY_MS };

  it("without an equity curve: realised equity sampled at each midnight", () => {
    // Midnights 1..4 see 10 100, 10 050, 10 250, 10 250 after the 10 000 at midnight 0.
    const r = periodDailyReturns(sample, sample);
    [0.01, -50 / 10_100, 200 / 10_050, 0].forEach((v, k) => expect(r[k]).toBeCloseTo(v, 12));
  });

  it("with an equity curve: that curve is used instead (marked-to-market, possibly thinned)", () => {
    const equity = { time: [D0 + 12 * HOUR_MS, D0 + 36 * HOUR_MS], equity: [11_000, 9_900] };
    const r = periodDailyReturns({ ...sample, equity }, { from: D0, to: D0 + 3 * DAY_MS });
    [0.1, -0.1, 0].forEach((v, k) => expect(r[k]).toBeCloseTo(v, 12));
  });

  it("a later segment's returns divide by the equity reached by then", () => {
    const r = periodDailyReturns(sample, { from: D0 + 2 * DAY_MS, to: D0 + 4 * DAY_MS });
    [200 / 10_050, 0].forEach((v, k) => expect(r[k]).toBeCloseTo(v, 12));
  });

  it("trade metrics of the trades entered in the segment, Sharpe of its days", () => {
    const m = segmentMetrics(sample, { from: D0, to: D0 + 3 * DAY_MS });
    expect(m).toMatchObject({ trades: 3, wins: 2, profitFactor: 6, profitFactorUnbounded: false, netPnl: 250, days: 3 });
    expect(m.winRate).toBeCloseTo(2 / 3, 12);
    expect(m.expectancy).toBeCloseTo(250 / 3, 12);
    expect(m.sharpe).toBeCloseTo(sharpeRatio([0.01, -50 / 10_100, 200 / 10_050]) ?? NaN, 12);
  });
});
