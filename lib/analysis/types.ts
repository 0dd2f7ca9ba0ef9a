import type { Trade } from "@/lib/backtest/types";

/** The trade fields the analyses read; a backtest `Trade` fits. */
export type AnalysisTrade = Pick<Trade, "entryTime" | "exitTime" | "netPnl" | "r" | "entryFee" | "exitFee" | "funding" | "slippageCost">;

/** An equity curve as stored with a run (possibly thinned): times ascending, epoch ms. */
export interface EquityPoints {
  readonly time: readonly number[];
  readonly equity: readonly number[];
}

/** A half-open time range [from, to) in epoch ms. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** One hypothesis's trades on one instrument over its tested period: what the period splits read. */
export interface RunSample extends Period {
  readonly trades: readonly AnalysisTrade[];
  readonly startingEquity: number;
  /** Marked-to-market equity of the whole run, if kept; without it, Sharpe comes from realised PnL (see period-daily-returns). */
  readonly equity?: EquityPoints | null;
}

/**
 * One hypothesis backtested on one instrument, as the research runner reports it (its `HypothesisRun` fits): the
 * fields the edge report reads, declared here so analysis does not depend on the runner.
 */
export interface BacktestedRun {
  readonly hypothesisId: string;
  readonly hypothesisName: string;
  readonly timeframe: string;
  readonly direction: string;
  readonly symbol: string;
  /** The tested period: first bar open to last bar close. */
  readonly fromTime: number;
  readonly toTime: number;
  readonly trades: readonly AnalysisTrade[];
  readonly equity: EquityPoints;
}
