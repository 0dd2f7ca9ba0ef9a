import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import type { AnalysisTrade } from "../types";

export const HOUR_MS = 3_600_000;
/** 2024-01-01 00:00 UTC. */
export const D0 = Date.UTC(2024, 0, 1);

/** A test trade entering at `entryTime`, closing an hour later with `netPnl`, no costs. */
export function testTrade(entryTime: number, netPnl: number, exitTime: number = entryTime + HOUR_MS): AnalysisTrade {
  return { entryTime, exitTime, netPnl, r: netPnl / 10, entryFee: 0, exitFee: 0, funding: 0, slippageCost: 0 };
}

/** One trade a day for days [firstDay, firstDay + count), entering 01:00 UTC, PnL taken from `pattern` cyclically. */
export function dailyTrades(firstDay: number, count: number, pattern: readonly number[]): AnalysisTrade[] {
  return Array.from({ length: count }, (_, i) => testTrade(D0 + (firstDay + i) * DAY_MS + HOUR_MS, pattern[i % pattern.length] ?? 0));
}
