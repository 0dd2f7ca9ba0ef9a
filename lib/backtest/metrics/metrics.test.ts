import { describe, expect, it } from "vitest";
import { REGIME, type RegimeCode } from "../regime-codes";
import type { Trade } from "../types";
import { computeMetrics } from "./compute-metrics";
import { DAY_MS, dailyReturns } from "./daily-returns";
import { maxDrawdown } from "./drawdown";
import { cagr, netReturn, tradesPerDay } from "./growth";
import { longestLosingStreak } from "./losing-streak";
import { breakdownByMonth } from "./month-breakdown";
import { profitFactor } from "./profit-factor";
import { breakdownByRegime } from "./regime-breakdown";
import { sharpeRatio, sortinoRatio } from "./risk-adjusted";
import { summarizeTrades } from "./trade-summary";

const MIN = 60_000;
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

function trade(netPnl: number, r: number, exitTime: number, holdMin: number, fees: [number, number], funding: number, slippageCost: number, regime: RegimeCode): Trade {
  return {
    legId: "L",
    side: "long",
    entryIndex: 0,
    exitIndex: 1,
    entryTime: exitTime - holdMin * MIN,
    exitTime,
    entryPrice: 100,
    exitPrice: 100,
    qty: 1,
    stop: 99,
    target: 102,
    reason: "stop",
    entryFee: fees[0],
    exitFee: fees[1],
    funding,
    slippageCost,
    grossPnl: netPnl + fees[0] + fees[1] + funding,
    netPnl,
    r,
    regime,
    barsHeld: 1,
    ambiguity: "none",
  };
}

const TRADES: Trade[] = [
  trade(100, 1, day(2024, 1, 5), 60, [2, 1], 0.5, 0.3, REGIME.trending),
  trade(-50, -0.5, day(2024, 1, 20), 30, [2, 2], -0.2, 0.3, REGIME.choppy),
  trade(200, 2, day(2024, 2, 3), 90, [1, 1], 0, 0.1, REGIME.trending),
  trade(-50, -0.5, day(2024, 2, 10), 0, [1, 1], 0.1, 0, REGIME.ranging),
  trade(0, 0, day(2024, 2, 11), 30, [0, 0], 0, 0, REGIME.unknown),
];

describe("trade metrics", () => {
  it("summarises counts, averages and costs; break-even counts as a loss", () => {
    const s = summarizeTrades(TRADES);
    expect(s).toMatchObject({ trades: 5, wins: 2, losses: 3, winRate: 0.4, expectancy: 40, averageWin: 150, averageHoldMinutes: 42, feesPaid: 11 });
    expect(s.expectancyR).toBeCloseTo(0.4, 12);
    expect(s.averageLoss).toBeCloseTo(-100 / 3, 12);
    expect(s.fundingPaid).toBeCloseTo(0.4, 12);
    expect(s.slippageCost).toBeCloseTo(0.7, 12);
    expect(summarizeTrades([])).toMatchObject({ trades: 0, winRate: null, expectancy: null, averageWin: null, averageHoldMinutes: null });
  });

  it("profit factor: gross profit over |losses|, explicit when unbounded", () => {
    expect(profitFactor(TRADES)).toEqual({ value: 3, unbounded: false });
    expect(profitFactor([{ netPnl: 5 }, { netPnl: 0 }])).toEqual({ value: null, unbounded: true });
    expect(profitFactor([{ netPnl: -5 }])).toEqual({ value: 0, unbounded: false });
    expect(profitFactor([])).toEqual({ value: null, unbounded: false });
  });

  it("longest losing streak", () => {
    expect(longestLosingStreak(TRADES)).toBe(2);
    expect(longestLosingStreak([{ netPnl: -1 }, { netPnl: -1 }, { netPnl: -1 }, { netPnl: 1 }, { netPnl: -1 }])).toBe(3);
    expect(longestLosingStreak([])).toBe(0);
  });

  it("breaks down by regime at entry", () => {
    const b = breakdownByRegime(TRADES);
    expect(b.trending).toEqual({ trades: 2, wins: 2, winRate: 1, profitFactor: null, profitFactorUnbounded: true, netPnl: 300 });
    expect(b.choppy).toEqual({ trades: 1, wins: 0, winRate: 0, profitFactor: 0, profitFactorUnbounded: false, netPnl: -50 });
    expect(b.ranging.netPnl).toBe(-50);
    expect(b.unknown).toEqual({ trades: 1, wins: 0, winRate: 0, profitFactor: null, profitFactorUnbounded: false, netPnl: 0 });
  });

  it("breaks down by UTC month of exit, return on equity before the month", () => {
    const months = breakdownByMonth([...TRADES].reverse(), 10_000);
    expect(months.map((m) => [m.month, m.trades, m.netPnl])).toEqual([
      ["2024-01", 2, 50],
      ["2024-02", 3, 150],
    ]);
    expect(months[0]?.netReturn).toBeCloseTo(50 / 10_000, 12);
    expect(months[1]?.netReturn).toBeCloseTo(150 / 10_050, 12);
  });
});

describe("equity metrics", () => {
  it("max drawdown and its duration from peak to recovery", () => {
    const dd = maxDrawdown(new Float64Array([100, 120, 90, 110, 130, 100]), new Float64Array([1, 2, 3, 4, 5, 6]), 100, 0);
    expect(dd.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(dd.durationMs).toBe(3);
  });

  it("max drawdown without recovery lasts to the end, from the starting equity", () => {
    expect(maxDrawdown(new Float64Array([95, 80]), new Float64Array([1, 2]), 100, 0)).toEqual({ maxDrawdown: 0.2, durationMs: 2 });
    expect(maxDrawdown(new Float64Array([100, 101]), new Float64Array([1, 2]), 100, 0)).toEqual({ maxDrawdown: 0, durationMs: 0 });
  });

  const D0 = day(2024, 1, 1);
  const times = new Float64Array([D0 + DAY_MS / 2, D0 + DAY_MS, D0 + 1.5 * DAY_MS, D0 + 2.5 * DAY_MS, D0 + 3 * DAY_MS]);
  const equity = new Float64Array([110, 120, 90, 99, 108]);

  it("samples equity at each 00:00 UTC for daily returns", () => {
    const r = dailyReturns(equity, times, 100, D0, D0 + 3 * DAY_MS);
    expect(r).toHaveLength(3);
    [0.2, -0.25, 0.2].forEach((v, k) => expect(r[k]).toBeCloseTo(v, 12));
  });

  it("Sharpe (sample std) and Sortino (downside deviation), annualised with √365", () => {
    const r = [0.2, -0.25, 0.2];
    const std = Math.sqrt((0.15 ** 2 + 0.3 ** 2 + 0.15 ** 2) / 2);
    expect(sharpeRatio(r)).toBeCloseTo((0.05 / std) * Math.sqrt(365), 10);
    expect(sortinoRatio(r)).toBeCloseTo((0.05 / Math.sqrt(0.0625 / 3)) * Math.sqrt(365), 10);
    expect(sharpeRatio([0.1])).toBeNull();
    expect(sharpeRatio([0.1, 0.1])).toBeNull();
    expect(sortinoRatio([0.1, 0.2])).toBeNull();
  });

  it("net return, CAGR and trades per day", () => {
    expect(netReturn(121, 100)).toBeCloseTo(0.21, 12);
    expect(cagr(121, 100, 2 * 365 * DAY_MS)).toBeCloseTo(0.1, 12);
    expect(cagr(0, 100, DAY_MS)).toBe(-1);
    expect(cagr(110, 100, 0)).toBeNull();
    expect(tradesPerDay(10, 5 * DAY_MS)).toBe(2);
  });

  it("computeMetrics assembles everything into JSON-safe values", () => {
    const m = computeMetrics({ trades: TRADES, equity, equityTime: times, startingEquity: 100, periodStart: D0, periodEnd: D0 + 3 * DAY_MS, exposedPoints: 2 });
    expect(m.exposure).toBeCloseTo(0.4, 12);
    expect(m.netReturn).toBeCloseTo(0.08, 12);
    expect(m.profitFactor).toBe(3);
    expect(m.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(m.tradesPerDay).toBeCloseTo(5 / 3, 12);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});
