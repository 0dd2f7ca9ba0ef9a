import type { Trade } from "../types";
import type { MonthBreakdown } from "./types";

function monthKey(timeMs: number): string {
  const d = new Date(timeMs);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * Per UTC month of exit: trade count, net PnL, and return on the realised equity before the month's first exit
 * (starting equity plus every earlier trade). Months without exits are omitted.
 */
export function breakdownByMonth(trades: readonly Pick<Trade, "netPnl" | "exitTime">[], startingEquity: number): MonthBreakdown[] {
  // Stable sort: portfolio trades arrive in the order exits became known, which can differ from exit stamps.
  const sorted = [...trades].sort((a, b) => a.exitTime - b.exitTime);
  const months: MonthBreakdown[] = [];
  let realised = startingEquity;
  for (const t of sorted) {
    const month = monthKey(t.exitTime);
    const last = months[months.length - 1];
    if (last?.month === month) {
      months[months.length - 1] = { ...last, trades: last.trades + 1, netPnl: last.netPnl + t.netPnl, netReturn: (last.netPnl + t.netPnl) / (realised - last.netPnl) };
    } else {
      months.push({ month, trades: 1, netPnl: t.netPnl, netReturn: t.netPnl / realised });
    }
    realised += t.netPnl;
  }
  return months;
}
