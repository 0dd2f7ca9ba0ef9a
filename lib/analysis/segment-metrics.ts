import { profitFactor } from "@/lib/backtest/metrics/profit-factor";
import { sharpeRatio } from "@/lib/backtest/metrics/risk-adjusted";
import { summarizeTrades } from "@/lib/backtest/metrics/trade-summary";
import { periodDailyReturns } from "./period-daily-returns";
import { tradesEnteredIn } from "./split-trades";
import type { Period, RunSample } from "./types";

/** Metrics of one time segment of a run; JSON-safe (undefined ratios are null). */
export interface SegmentMetrics extends Period {
  /** Trades entered in the segment and their win rate, profit factor and mean net PnL (backtest metrics functions). */
  readonly trades: number;
  readonly wins: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly profitFactorUnbounded: boolean;
  readonly expectancy: number | null;
  readonly netPnl: number;
  /** Annualised (√365) Sharpe of the segment's daily returns (period-daily-returns), null below two days. */
  readonly sharpe: number | null;
  /** Whole days behind the Sharpe. */
  readonly days: number;
}

/** Trade metrics of the trades entered in `period` plus the Sharpe of the run's daily returns over it. */
export function segmentMetrics(sample: RunSample, period: Period): SegmentMetrics {
  const trades = tradesEnteredIn(sample.trades, period);
  const summary = summarizeTrades(trades);
  const pf = profitFactor(trades);
  const daily = periodDailyReturns(sample, period);
  let netPnl = 0;
  for (const t of trades) netPnl += t.netPnl;
  return {
    from: period.from,
    to: period.to,
    trades: summary.trades,
    wins: summary.wins,
    winRate: summary.winRate,
    profitFactor: pf.value,
    profitFactorUnbounded: pf.unbounded,
    expectancy: summary.expectancy,
    netPnl,
    sharpe: sharpeRatio(daily),
    days: daily.length,
  };
}
