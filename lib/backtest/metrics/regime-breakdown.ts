import { REGIME_NAMES, type RegimeName, regimeName } from "../regime-codes";
import type { Trade } from "../types";
import { profitFactor } from "./profit-factor";
import type { GroupBreakdown } from "./types";

/** Trades, win rate, profit factor and net PnL per regime at entry; every regime is present, empty ones with zeros. */
export function breakdownByRegime(trades: readonly Pick<Trade, "netPnl" | "regime">[]): Record<RegimeName, GroupBreakdown> {
  const groups = new Map<RegimeName, Pick<Trade, "netPnl">[]>(REGIME_NAMES.map((name) => [name, []]));
  for (const t of trades) groups.get(regimeName(t.regime))?.push(t);
  const entries = REGIME_NAMES.map((name): [RegimeName, GroupBreakdown] => {
    const group = groups.get(name) ?? [];
    const wins = group.filter((t) => t.netPnl > 0).length;
    const pf = profitFactor(group);
    return [
      name,
      {
        trades: group.length,
        wins,
        winRate: group.length > 0 ? wins / group.length : null,
        profitFactor: pf.value,
        profitFactorUnbounded: pf.unbounded,
        netPnl: group.reduce((sum, t) => sum + t.netPnl, 0),
      },
    ];
  });
  return Object.fromEntries(entries) as Record<RegimeName, GroupBreakdown>;
}
