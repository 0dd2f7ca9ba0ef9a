import type { Fees, Sizing } from "@/lib/backtest/types";
import type { AppConfig } from "@/lib/config-schema";

/** The account side of a single-hypothesis backtest: fees, sizing and starting equity, from config with overrides. */
export interface BacktestSettings {
  readonly fees: Fees;
  readonly sizing: Sizing;
  readonly startingEquity: number;
}

export function backtestSettingsFromConfig(config: AppConfig): BacktestSettings {
  return {
    fees: config.fees,
    sizing: { mode: "risk", riskFraction: config.positionSizePct, leverage: config.leverage },
    startingEquity: config.startingEquity,
  };
}
