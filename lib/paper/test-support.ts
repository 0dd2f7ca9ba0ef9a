import type { PortfolioSettings } from "../backtest/portfolio-step";
import { type PortfolioLeg, runPortfolio } from "../backtest/run-portfolio";
import { configSchema } from "../config-schema";
import { resampleSeries } from "../market/resample-candles";
import { toFundingSeries } from "../market/series";
import { generateSyntheticMarket } from "../market/synthetic-market";
import type { Timeframe } from "../market/timeframe";
import { buildLeg } from "../hypothesis-runs/build-leg";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { ResearchCache } from "../hypothesis-runs/research-cache";
import { type Hypothesis, type HypothesisInput, hypothesisSchema } from "../signals/hypothesis";
import { PaperEngine } from "./paper-engine";
import { replayTicks, type ReplayOptions } from "./replay-feed";
import type { PaperConfig, PaperEvent } from "./types";

export const DAY_MS = 86_400_000;
export const CONFIG = configSchema.parse({});

/** A hypothesis from the fields that matter to trading; the rest are filler. */
export function hypothesis(fields: Pick<HypothesisInput, "id" | "timeframe" | "direction" | "entryConditions" | "stopLoss" | "target"> & Partial<HypothesisInput>): Hypothesis {
  return hypothesisSchema.parse({
    name: fields.id,
    description: "test hypothesis",
    typicalHoldMinutes: [30, 120],
    slippagePips: 1.5,
    expectedAccuracy: 0.5,
    signalType: "mean_reversion",
    indicatorsUsed: [],
    regimeBest: "any",
    fundingRateConsideration: "none",
    ...fields,
  });
}

/** Synthetic 1m market for `symbols` over `days`, resampled to `timeframes`, with the generator's funding. */
export function syntheticBundles(symbols: readonly string[], days: number, timeframes: readonly Timeframe[], seed: number | string = 11): MarketBundle[] {
  const startMs = Date.UTC(2024, 2, 1);
  const market = generateSyntheticMarket({ seed, symbols, startMs, endMs: startMs + days * DAY_MS });
  return market.instruments.map((inst) => {
    const series: MarketBundle["series"] = { "1m": inst.candles1m };
    for (const tf of timeframes) series[tf] = resampleSeries(inst.candles1m, tf).series;
    return { symbol: inst.symbol, series, funding: toFundingSeries(inst.symbol, inst.funding) };
  });
}

/** The backtest of a paper configuration: the same legs built once on the full data, run by runPortfolio. */
export function backtestOf(config: PaperConfig, bundles: readonly MarketBundle[]): ReturnType<typeof runPortfolio> {
  const caches = new Map<string, ResearchCache>();
  const legs: PortfolioLeg[] = config.legs.map((l) => {
    const bundle = bundles.find((b) => b.symbol === l.symbol);
    if (!bundle) throw new Error(`no bundle for ${l.symbol}`);
    let cache = caches.get(l.symbol);
    if (!cache) caches.set(l.symbol, (cache = new ResearchCache(config.regime)));
    const leg = buildLeg(l.hypothesis, bundle, cache);
    return { id: l.id, ...leg, ...(config.minuteBars === false ? { minute: undefined } : {}) };
  });
  return runPortfolio(legs, config.settings);
}

/** Feeds every tick of the replay into `engine`, returning all events. */
export function replayInto(engine: PaperEngine, bundles: readonly MarketBundle[], options: ReplayOptions = { endOfData: true }): PaperEvent[] {
  const events: PaperEvent[] = [];
  for (const tick of replayTicks(bundles, options)) for (const e of engine.onTick(tick)) events.push(e);
  return events;
}

export const tradesOf = (events: readonly PaperEvent[]) => events.flatMap((e) => (e.type === "position_closed" ? [e.trade] : []));

export const settingsOf = (overrides: Partial<PortfolioSettings> = {}): PortfolioSettings => ({
  startingEquity: CONFIG.startingEquity,
  fees: CONFIG.fees,
  sizing: { mode: "risk", riskFraction: CONFIG.positionSizePct, leverage: CONFIG.leverage },
  limits: { maxConcurrent: CONFIG.maxConcurrent, dailyLossLimit: CONFIG.dailyLossLimit, maxDrawdown: CONFIG.maxDrawdown },
  allocation: "regime",
  ...overrides,
});
