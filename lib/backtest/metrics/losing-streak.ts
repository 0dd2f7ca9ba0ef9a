import type { Trade } from "../types";

/** Longest run of consecutive non-winning trades (net PnL ≤ 0), in the order given (exit order). */
export function longestLosingStreak(trades: readonly Pick<Trade, "netPnl">[]): number {
  let longest = 0;
  let current = 0;
  for (const t of trades) {
    current = t.netPnl > 0 ? 0 : current + 1;
    if (current > longest) longest = current;
  }
  return longest;
}
