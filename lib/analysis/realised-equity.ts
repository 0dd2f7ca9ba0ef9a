import type { AnalysisTrade, EquityPoints } from "./types";

/**
 * Step curve of realised equity: starting equity plus each trade's net PnL at its exit time (exits sorted, ties in
 * input order). The fallback when a run's marked-to-market curve is not available.
 */
export function realisedEquity(trades: readonly Pick<AnalysisTrade, "exitTime" | "netPnl">[], startingEquity: number): EquityPoints {
  const sorted = [...trades].sort((a, b) => a.exitTime - b.exitTime);
  const time: number[] = [];
  const equity: number[] = [];
  let level = startingEquity;
  for (const t of sorted) {
    level += t.netPnl;
    time.push(t.exitTime);
    equity.push(level);
  }
  return { time, equity };
}
