import type { RegimeName } from "../regime-codes";

/** Profit factor with its degenerate case made explicit instead of `Infinity` (which would sort first and not serialise). */
export interface ProfitFactor {
  /** Gross profit of winners / |sum of losers|; null when there is no losing PnL to divide by (or no trades). */
  readonly value: number | null;
  /** True when there are winners and no losing PnL: "unbounded", not "best". */
  readonly unbounded: boolean;
}

export interface GroupBreakdown {
  readonly trades: number;
  readonly wins: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly profitFactorUnbounded: boolean;
  readonly netPnl: number;
}

export interface MonthBreakdown {
  /** UTC month of the exits, `YYYY-MM`. */
  readonly month: string;
  readonly trades: number;
  readonly netPnl: number;
  /** netPnl / realised equity before the month's first exit. */
  readonly netReturn: number;
}

/** Every metric of a run. Undefined ratios are null (never NaN/Infinity) so the object serialises as JSON. */
export interface Metrics {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly profitFactorUnbounded: boolean;
  /** Mean net PnL per trade (quote) and mean R per trade. */
  readonly expectancy: number | null;
  readonly expectancyR: number | null;
  readonly averageWin: number | null;
  /** Mean net PnL of non-winning trades (≤ 0). */
  readonly averageLoss: number | null;
  readonly averageHoldMinutes: number | null;
  readonly tradesPerDay: number | null;
  /** final equity / starting equity − 1. */
  readonly netReturn: number;
  readonly cagr: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** Largest peak-to-trough fall of bar-close equity, as a fraction of the peak. */
  readonly maxDrawdown: number;
  /** From that drawdown's peak to recovery (or to the end of the data), ms. */
  readonly maxDrawdownDurationMs: number;
  /** Fraction of equity points (bar closes) during which a position was held. */
  readonly exposure: number;
  readonly feesPaid: number;
  /** Net funding paid (negative = received). */
  readonly fundingPaid: number;
  readonly slippageCost: number;
  readonly longestLosingStreak: number;
  readonly byRegime: Readonly<Record<RegimeName, GroupBreakdown>>;
  readonly byMonth: readonly MonthBreakdown[];
}
