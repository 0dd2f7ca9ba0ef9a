import type { Trade } from "../types";
import type { MonthBreakdown } from "./types";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Per UTC month of exit: trade count, net PnL, and return on the realised equity before the month's first exit
 * (starting equity plus every earlier trade). Months without exits are omitted.
 */
export function breakdownByMonth(trades: readonly Pick<Trade, "netPnl" | "exitTime">[], startingEquity: number): MonthBreakdown[] {
  // Stable sort: portfolio trades arrive in the order exits became known, which can differ from exit stamps.
  const sorted = [...trades].sort((a, b) => a.exitTime - b.exitTime);
  const months: Mutable<MonthBreakdown>[] = [];
  let realised = startingEquity;
  // The month being filled and where it ends, so the calendar is consulted once per month, not once per trade.
  let current: Mutable<MonthBreakdown> | undefined;
  let monthEnd = Number.NEGATIVE_INFINITY;
  for (const t of sorted) {
    if (!current || t.exitTime >= monthEnd) {
      const d = new Date(t.exitTime);
      monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      current = { month: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`, trades: 1, netPnl: t.netPnl, netReturn: t.netPnl / realised };
      months.push(current);
    } else {
      current.netReturn = (current.netPnl + t.netPnl) / (realised - current.netPnl);
      current.netPnl += t.netPnl;
      current.trades++;
    }
    realised += t.netPnl;
  }
  return months;
}
