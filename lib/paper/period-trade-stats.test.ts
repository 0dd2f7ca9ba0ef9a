import { describe, expect, it } from "vitest";
import { periodTradeStats } from "./period-trade-stats";

const H = 3_600_000;
const DAY = 24 * H;

describe("periodTradeStats", () => {
  const trades = [
    { entryTime: 0, exitTime: 2 * H, netPnl: 30 }, // before the period
    { entryTime: DAY, exitTime: DAY + H, netPnl: 20 },
    { entryTime: DAY + 2 * H, exitTime: DAY + 5 * H, netPnl: -10 },
    { entryTime: 2 * DAY, exitTime: 2 * DAY + H, netPnl: 0 },
    { entryTime: 3 * DAY - H, exitTime: 3 * DAY + H, netPnl: 50 }, // still open at the period's end
  ];

  it("counts only the trades opened and closed inside the period, a zero result as a loss", () => {
    const s = periodTradeStats(trades, { from: DAY, to: 3 * DAY });
    expect(s.trades, "the first trade opened before, the last closed after").toBe(3);
    expect(s.wins).toBe(1);
    expect(s.winRate).toBeCloseTo(1 / 3, 12);
    expect(s.profitFactor, "20 won against 10 lost").toBeCloseTo(2, 12);
    expect(s.tradesPerDay, "3 trades over 2 days").toBeCloseTo(1.5, 12);
    expect(s.averageHoldMinutes, "(60 + 180 + 60) / 3 minutes").toBeCloseTo(100, 12);
  });

  it("includes a trade opening at `from` and one closing at `to`", () => {
    expect(periodTradeStats(trades, { from: DAY, to: DAY + 5 * H }).trades).toBe(2);
  });

  it("has no rates without trades and no profit factor without a loss", () => {
    const none = periodTradeStats(trades, { from: 10 * DAY, to: 11 * DAY });
    expect(none).toEqual({ trades: 0, wins: 0, winRate: null, profitFactor: null, tradesPerDay: 0, averageHoldMinutes: null });
    expect(periodTradeStats(trades, { from: DAY, to: DAY + H }).profitFactor).toBeNull();
  });
});
