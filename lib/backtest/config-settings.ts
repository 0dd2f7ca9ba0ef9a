import type { AppConfig } from "../config-schema";
import type { PortfolioSettings } from "./run-portfolio";

/** Account settings of the configuration: taker/maker fees, risk sizing at positionSizePct, and the risk limits. */
export function portfolioSettingsFromConfig(config: AppConfig, allocation: PortfolioSettings["allocation"] = "regime"): PortfolioSettings {
  return {
    startingEquity: config.startingEquity,
    fees: config.fees,
    sizing: { mode: "risk", riskFraction: config.positionSizePct, leverage: config.leverage },
    limits: { maxConcurrent: config.maxConcurrent, dailyLossLimit: config.dailyLossLimit, maxDrawdown: config.maxDrawdown },
    allocation,
  };
}
