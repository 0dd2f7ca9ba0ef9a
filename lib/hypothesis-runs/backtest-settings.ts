import type { Fees, Sizing } from "@/lib/backtest/types";
import type { AppConfig } from "@/lib/config-schema";

/**
 * What a single-hypothesis backtest runs with: the account side (fees, sizing, starting equity) and the minimum
 * reward:risk per timeframe its trades are measured against, from config with overrides.
 */
export interface BacktestSettings {
  readonly fees: Fees;
  readonly sizing: Sizing;
  readonly startingEquity: number;
  readonly minRiskReward: AppConfig["minRiskReward"];
}

export function backtestSettingsFromConfig(config: AppConfig): BacktestSettings {
  return {
    fees: config.fees,
    sizing: { mode: "risk", riskFraction: config.positionSizePct, leverage: config.leverage },
    startingEquity: config.startingEquity,
    minRiskReward: config.minRiskReward,
  };
}
