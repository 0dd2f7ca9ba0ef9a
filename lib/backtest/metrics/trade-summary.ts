import type { Trade } from "../types";

export interface TradeSummary {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number | null;
  readonly expectancy: number | null;
  readonly expectancyR: number | null;
  readonly averageWin: number | null;
  readonly averageLoss: number | null;
  readonly averageHoldMinutes: number | null;
  readonly feesPaid: number;
  readonly fundingPaid: number;
  readonly slippageCost: number;
}

type SummaryTrade = Pick<Trade, "netPnl" | "r" | "entryTime" | "exitTime" | "entryFee" | "exitFee" | "funding" | "slippageCost">;

const MINUTE_MS = 60_000;

const meanOrNull = (sum: number, count: number): number | null => (count > 0 ? sum / count : null);

/** Counts and per-trade averages. A win is net PnL > 0; everything else (break-even included) is a loss. */
export function summarizeTrades(trades: readonly SummaryTrade[]): TradeSummary {
  let wins = 0;
  let winSum = 0;
  let lossSum = 0;
  let netSum = 0;
  let rSum = 0;
  let holdSum = 0;
  let fees = 0;
  let funding = 0;
  let slippage = 0;
  for (const t of trades) {
    if (t.netPnl > 0) {
      wins++;
      winSum += t.netPnl;
    } else {
      lossSum += t.netPnl;
    }
    netSum += t.netPnl;
    rSum += t.r;
    holdSum += t.exitTime - t.entryTime;
    fees += t.entryFee + t.exitFee;
    funding += t.funding;
    slippage += t.slippageCost;
  }
  const n = trades.length;
  const losses = n - wins;
  return {
    trades: n,
    wins,
    losses,
    winRate: meanOrNull(wins, n),
    expectancy: meanOrNull(netSum, n),
    expectancyR: meanOrNull(rSum, n),
    averageWin: meanOrNull(winSum, wins),
    averageLoss: meanOrNull(lossSum, losses),
    averageHoldMinutes: meanOrNull(holdSum / MINUTE_MS, n),
    feesPaid: fees,
    fundingPaid: funding,
    slippageCost: slippage,
  };
}
