import type { Trade } from "@/lib/backtest/types";
import { formatRiskReward, isBelowMinRiskReward } from "@/lib/signals/min-risk-reward";

/**
 * A run's exits against its timeframe's minimum reward:risk. Exits fixed in R, in ATR of one period or in
 * pips/percent have one reward:risk, known from the rules (`planned`); an ATR stop against a pips/percent target
 * (or ATRs of two periods) has one per trade, set by the entry's price and ATR, so each trade is measured.
 */
export interface RiskRewardReport {
  /** Config `minRiskReward` for the run's timeframe. */
  readonly minimum: number;
  /** Reward:risk fixed by the rules; null when it depends on price and ATR. */
  readonly planned: number | null;
  /** The hypothesis says `allowBelowMinRiskReward`. */
  readonly allowedBelowMinimum: boolean;
  /** Trades whose target distance over stop distance fell below the minimum. */
  readonly tradesBelowMinimum: number;
}

type PricedTrade = Pick<Trade, "entryPrice" | "stop" | "target">;

/** A trade's reward:risk as it was opened: target distance over stop distance from the entry fill. */
function tradeRiskReward(t: PricedTrade): number {
  return Math.abs(t.target - t.entryPrice) / Math.abs(t.entryPrice - t.stop);
}

export function riskRewardReport(planned: number | null, minimum: number, allowedBelowMinimum: boolean, trades: readonly PricedTrade[]): RiskRewardReport {
  let below = 0;
  for (const t of trades) if (isBelowMinRiskReward(tradeRiskReward(t), minimum)) below++;
  return { minimum, planned, allowedBelowMinimum, tradesBelowMinimum: below };
}

/** Whether results must carry the "below minimum R:R" mark: planned below it, or any trade below it. */
export function isRunBelowMinRiskReward(report: RiskRewardReport): boolean {
  return report.planned !== null ? isBelowMinRiskReward(report.planned, report.minimum) : report.tradesBelowMinimum > 0;
}

/** What the mark says, for people: `planned 0.6R, below the 15m minimum 1.3R (allowed explicitly)`. */
export function describeRiskRewardShortfall(report: RiskRewardReport, timeframe: string, trades: number): string {
  const allowed = report.allowedBelowMinimum ? " (allowed explicitly)" : "";
  if (report.planned !== null) return `planned ${formatRiskReward(report.planned, report.minimum)}, below the ${timeframe} minimum ${report.minimum}R${allowed}`;
  return `${report.tradesBelowMinimum} of ${trades} trades below the ${timeframe} minimum ${report.minimum}R (each entry's price and ATR set it)${allowed}`;
}
