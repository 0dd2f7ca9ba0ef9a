/**
 * Whether paper trading drifted from its backtest:
 * - `no_comparison`: no backtest interval, or paper has no closed trade;
 * - `too_few_trades`: fewer paper trades than `minTrades` (the edge analysis's minimum): a win rate of 3 trades says
 *   nothing, so no drift is flagged however far it sits from the backtest;
 * - `drift`: the paper win rate lies outside the backtest's 95 % interval, `direction` saying which side;
 * - `in_line`: it lies inside.
 */
export type PaperDriftState = "no_comparison" | "too_few_trades" | "drift" | "in_line";

export interface PaperDrift {
  readonly state: PaperDriftState;
  /** Paper's win rate above the interval is `better`, below is `worse`; null unless drifted. */
  readonly direction: "better" | "worse" | null;
  readonly trades: number;
  readonly minTrades: number;
}

export function paperDrift(paper: { readonly trades: number; readonly winRate: number | null }, interval: { readonly lower: number; readonly upper: number } | null, minTrades: number): PaperDrift {
  const base = { trades: paper.trades, minTrades };
  if (!interval || paper.winRate === null || paper.trades === 0) return { ...base, state: "no_comparison", direction: null };
  if (paper.trades < minTrades) return { ...base, state: "too_few_trades", direction: null };
  if (paper.winRate > interval.upper) return { ...base, state: "drift", direction: "better" };
  if (paper.winRate < interval.lower) return { ...base, state: "drift", direction: "worse" };
  return { ...base, state: "in_line", direction: null };
}
