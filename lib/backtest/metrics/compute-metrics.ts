import type { Trade } from "../types";
import { dailyReturns } from "./daily-returns";
import { maxDrawdown } from "./drawdown";
import { cagr, netReturn, tradesPerDay } from "./growth";
import { longestLosingStreak } from "./losing-streak";
import { breakdownByMonth } from "./month-breakdown";
import { profitFactor } from "./profit-factor";
import { breakdownByRegime } from "./regime-breakdown";
import { sharpeRatio, sortinoRatio } from "./risk-adjusted";
import { summarizeTrades } from "./trade-summary";
import type { Metrics } from "./types";

export interface MetricsInput {
  /** In the order exits became known. */
  readonly trades: readonly Trade[];
  /** Marked-to-market equity at each bar close and those times. */
  readonly equity: Float64Array;
  readonly equityTime: Float64Array;
  readonly startingEquity: number;
  /** Open time of the first bar and close time of the last: the tested period. */
  readonly periodStart: number;
  readonly periodEnd: number;
  /** Equity points during which a position was held. */
  readonly exposedPoints: number;
}

export function computeMetrics(input: MetricsInput): Metrics {
  const { trades, equity, equityTime, startingEquity, periodStart, periodEnd } = input;
  const periodMs = periodEnd - periodStart;
  const finalEquity = equity.length > 0 ? (equity[equity.length - 1] ?? startingEquity) : startingEquity;
  const summary = summarizeTrades(trades);
  const pf = profitFactor(trades);
  const daily = dailyReturns(equity, equityTime, startingEquity, periodStart, periodEnd);
  const dd = maxDrawdown(equity, equityTime, startingEquity, periodStart);
  return {
    trades: summary.trades,
    wins: summary.wins,
    losses: summary.losses,
    winRate: summary.winRate,
    profitFactor: pf.value,
    profitFactorUnbounded: pf.unbounded,
    expectancy: summary.expectancy,
    expectancyR: summary.expectancyR,
    averageWin: summary.averageWin,
    averageLoss: summary.averageLoss,
    averageHoldMinutes: summary.averageHoldMinutes,
    tradesPerDay: tradesPerDay(summary.trades, periodMs),
    netReturn: netReturn(finalEquity, startingEquity),
    cagr: cagr(finalEquity, startingEquity, periodMs),
    sharpe: sharpeRatio(daily),
    sortino: sortinoRatio(daily),
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownDurationMs: dd.durationMs,
    exposure: equity.length > 0 ? input.exposedPoints / equity.length : 0,
    feesPaid: summary.feesPaid,
    fundingPaid: summary.fundingPaid,
    slippageCost: summary.slippageCost,
    longestLosingStreak: longestLosingStreak(trades),
    byRegime: breakdownByRegime(trades),
    byMonth: breakdownByMonth(trades, startingEquity),
  };
}
