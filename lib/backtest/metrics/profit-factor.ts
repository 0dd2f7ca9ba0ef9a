import type { Trade } from "../types";
import type { ProfitFactor } from "./types";

type PnlTrade = Pick<Trade, "netPnl">;

/**
 * Sum of winners' net PnL over |sum of losers' net PnL|. With no losing PnL the ratio is unbounded: reported as
 * `{ value: null, unbounded: true }` so a two-trade lucky streak cannot out-rank real edges in a numeric sort.
 */
export function profitFactor(trades: readonly PnlTrade[]): ProfitFactor {
  let grossProfit = 0;
  let grossLoss = 0;
  for (const t of trades) {
    if (t.netPnl > 0) grossProfit += t.netPnl;
    else grossLoss -= t.netPnl;
  }
  if (grossLoss > 0) return { value: grossProfit / grossLoss, unbounded: false };
  return { value: null, unbounded: grossProfit > 0 };
}
