import { REGIME_TIMEFRAME_WEIGHTS } from "@/lib/backtest/allocation";
import type { Metrics } from "@/lib/backtest/metrics/types";
import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { EdgeReportEntry } from "./edge-report";

/** What the original system promised for its passing set; shown beside what was measured, never used as a pass bar. */
export const SEED_EXPECTATIONS = {
  winRate: { min: 0.57, max: 0.62 },
  profitFactor: { min: 1.6 },
  monthlyReturn: { min: 0.04, max: 0.08 },
  maxDrawdown: { max: 0.15 },
  tradesPerMonth: { min: 200, max: 500 },
} as const;

const MONTH_MS = (365.25 / 12) * 86_400_000;

export interface PortfolioFigures {
  winRate: number | null;
  profitFactor: number | null;
  profitFactorUnbounded: boolean;
  /** Mean of the calendar months' returns (UTC month of exit). */
  monthlyReturn: number | null;
  maxDrawdown: number;
  tradesPerMonth: number;
}

export function portfolioFigures(metrics: Metrics, periodMs: number): PortfolioFigures {
  const months = metrics.byMonth;
  return {
    winRate: metrics.winRate,
    profitFactor: metrics.profitFactor,
    profitFactorUnbounded: metrics.profitFactorUnbounded,
    monthlyReturn: months.length > 0 ? months.reduce((s, m) => s + m.netReturn, 0) / months.length : null,
    maxDrawdown: metrics.maxDrawdown,
    tradesPerMonth: periodMs > 0 ? metrics.trades / (periodMs / MONTH_MS) : 0,
  };
}

export interface ExpectationRow {
  metric: string;
  measured: number | null;
  expected: string;
  meets: boolean | null;
}

const within = (v: number | null, min?: number, max?: number): boolean | null => (v === null ? null : (min === undefined || v >= min) && (max === undefined || v <= max));

export function compareWithExpectations(f: PortfolioFigures): ExpectationRow[] {
  const e = SEED_EXPECTATIONS;
  return [
    { metric: "win rate", measured: f.winRate, expected: "57–62%", meets: within(f.winRate, e.winRate.min, e.winRate.max) },
    { metric: "profit factor", measured: f.profitFactor, expected: "1.6+", meets: f.profitFactorUnbounded ? true : within(f.profitFactor, e.profitFactor.min) },
    { metric: "monthly return", measured: f.monthlyReturn, expected: "4–8%", meets: within(f.monthlyReturn, e.monthlyReturn.min, e.monthlyReturn.max) },
    { metric: "max drawdown", measured: f.maxDrawdown, expected: "< 15%", meets: f.maxDrawdown < e.maxDrawdown.max },
    { metric: "trades per month", measured: f.tradesPerMonth, expected: "200–500", meets: within(f.tradesPerMonth, e.tradesPerMonth.min, e.tradesPerMonth.max) },
  ];
}

export interface DeploymentPlan {
  tradeAnything: boolean;
  summary: string;
  hypotheses: { hypothesisId: string; hypothesisName: string; timeframe: TradingTimeframe; symbol: string; score: number; why: string }[];
  /** Regime-weighted risk shares renormalised over the timeframes that passed (empty when nothing passed). */
  timeframeWeights: Record<"trending" | "ranging" | "choppy", Partial<Record<TradingTimeframe, number>>>;
}

const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(1)}%`);

/**
 * What to paper-trade: only hypothesis × instrument pairs that passed in and out of sample, best score first. When
 * nothing passed, the plan says so plainly and recommends trading nothing.
 */
export function deploymentPlan(passing: readonly EdgeReportEntry[], tried: number): DeploymentPlan {
  const timeframes = [...new Set(passing.map((p) => p.timeframe))];
  const weights = (regime: "trending" | "ranging" | "choppy") => {
    const row = REGIME_TIMEFRAME_WEIGHTS[regime];
    const total = timeframes.reduce((s, tf) => s + row[tf], 0);
    return Object.fromEntries(timeframes.map((tf) => [tf, total > 0 ? row[tf] / total : 0]));
  };
  if (passing.length === 0) {
    return {
      tradeAnything: false,
      summary: `Nothing passed: none of the ${tried} hypothesis × instrument trials met every threshold both in sample and out of sample with a deflated Sharpe high enough to rule out luck across that many trials. Nothing should be traded, on paper or live; revise the hypotheses or gather more data.`,
      hypotheses: [],
      timeframeWeights: { trending: {}, ranging: {}, choppy: {} },
    };
  }
  return {
    tradeAnything: true,
    summary: `${passing.length} of ${tried} trials passed every threshold in sample and out of sample, and the deflated-Sharpe test for multiple testing. Paper-trade them first, and track them against these numbers before any live capital.`,
    hypotheses: passing.map((p) => ({
      hypothesisId: p.hypothesisId,
      hypothesisName: p.hypothesisName,
      timeframe: p.timeframe,
      symbol: p.symbol,
      score: p.composite.score,
      why: `out of sample: win rate ${pct(p.outOfSample.metrics.winRate)}, ${p.outOfSample.metrics.trades} trades; deflated Sharpe ${p.deflatedSharpe.deflatedSharpe === null ? "n/a" : p.deflatedSharpe.deflatedSharpe.toFixed(2)}`,
    })),
    timeframeWeights: { trending: weights("trending"), ranging: weights("ranging"), choppy: weights("choppy") },
  };
}
