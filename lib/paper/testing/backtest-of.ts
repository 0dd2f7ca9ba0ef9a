import type { PortfolioSettings } from "../../backtest/portfolio-step";
import { type PortfolioLeg, runPortfolio } from "../../backtest/run-portfolio";
import { configSchema } from "../../config-schema";
import type { MarketBundle } from "../../hypothesis-runs/market-bundle";
import { ResearchCache } from "../../hypothesis-runs/research-cache";
import { paperLegInput } from "../paper-leg-input";
import type { PaperConfig } from "../types";

export const CONFIG = configSchema.parse({});

/** The backtest of a paper configuration: the same legs built once on the full data, run by runPortfolio. */
export function backtestOf(config: PaperConfig, bundles: readonly MarketBundle[]): ReturnType<typeof runPortfolio> {
  const caches = new Map<string, ResearchCache>();
  const legs: PortfolioLeg[] = config.legs.map((l) => {
    const bundle = bundles.find((b) => b.symbol === l.symbol);
    if (!bundle) throw new Error(`no bundle for ${l.symbol}`);
    let cache = caches.get(l.symbol);
    if (!cache) caches.set(l.symbol, (cache = new ResearchCache(config.regime)));
    const leg = paperLegInput(l, bundle, cache);
    return { id: l.id, ...leg, ...(config.minuteBars === false ? { minute: undefined } : {}) };
  });
  return runPortfolio(legs, config.settings);
}

/** Portfolio settings from the default configuration, with `overrides`. */
export const settingsOf = (overrides: Partial<PortfolioSettings> = {}): PortfolioSettings => ({
  startingEquity: CONFIG.startingEquity,
  fees: CONFIG.fees,
  sizing: { mode: "risk", riskFraction: CONFIG.positionSizePct, leverage: CONFIG.leverage },
  limits: { maxConcurrent: CONFIG.maxConcurrent, dailyLossLimit: CONFIG.dailyLossLimit, maxDrawdown: CONFIG.maxDrawdown },
  allocation: "regime",
  ...overrides,
});
