import { z } from "zod";
import type { FundingRate } from "./candle";
import { intradayActivity } from "./intraday-activity";
import { generateRegimePath, type MarketRegime, type RegimeSegment } from "./market-regime";
import { plantEffect, plantedEffectSchema, type PlantedEffect } from "./planted-effect";
import { SeededRandom } from "./seeded-random";
import type { CandleSeries } from "./series";
import { generateFundingRates, syntheticFundingProcess } from "./synthetic-funding";
import { syntheticInstrumentParams, type SyntheticInstrumentParams } from "./synthetic-instruments";

export class SyntheticMarketError extends Error {
  readonly code = "SYNTHETIC_MARKET_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "SyntheticMarketError";
  }
}

export interface SyntheticMarketOptions {
  seed: number | string;
  symbols: readonly string[];
  /** Start of the first 1m bar (floored to the minute). */
  startMs: number;
  /** Calendar months (UTC) to cover; give this or `endMs`. */
  months?: number;
  endMs?: number;
  /** A known edge added to every instrument (see planted-effect); without one the market has none by construction. */
  plantedEffect?: z.input<typeof plantedEffectSchema>;
  /** Called as bars are produced, so a CLI can show progress. `total` is bars across all symbols. */
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticInstrument {
  symbol: string;
  candles1m: CandleSeries;
  /** Rates at 00:00, 08:00 and 16:00 UTC within the covered span. */
  funding: FundingRate[];
  /** With a planted effect: how many times it was triggered on this instrument. */
  plantedEvents?: number;
}

export interface SyntheticMarket {
  startMs: number;
  endMs: number;
  /** The phases the market went through, shared by all instruments (for tests and diagnostics). */
  regimes: RegimeSegment[];
  instruments: SyntheticInstrument[];
}

const MINUTE_MS = 60_000;
const T_DF = 4; // Student-t degrees of freedom: crypto 1m returns have kurtosis far above normal
/** GARCH(1,1) on unit-mean variance: persistence 0.995 gives volatility bursts with a ~2h half-life. */
const GARCH_ALPHA = 0.04;
const GARCH_BETA = 0.955;
const GARCH_OMEGA = 1 - GARCH_ALPHA - GARCH_BETA;
const GARCH_CAP = 30; // t(4) shocks can be huge; the cap keeps one shock from blowing variance up for days
const REGIME_VOL: Record<MarketRegime, number> = { "trending-up": 1, "trending-down": 1, ranging: 0.65, choppy: 1.7 };
/** Ranging phases pull price back to where the phase began (half-life 3 hours). */
const RANGE_REVERSION = Math.LN2 / 180;
/** Share of bars whose open is not exactly the previous close (a trade printed between bars). */
const OPEN_GAP_PROBABILITY = 0.03;
const VOLUME_NOISE = 0.35;
const PROGRESS_EVERY = 10_080;

function resolveSpan(options: SyntheticMarketOptions): { startMs: number; endMs: number } {
  const startMs = Math.floor(options.startMs / MINUTE_MS) * MINUTE_MS;
  if (!Number.isFinite(startMs) || startMs < 0) throw new SyntheticMarketError(`startMs ${options.startMs} is not a valid epoch-ms time`);
  let endMs: number;
  if (options.endMs !== undefined) endMs = Math.floor(options.endMs / MINUTE_MS) * MINUTE_MS;
  else if (options.months !== undefined && Number.isInteger(options.months) && options.months > 0) {
    const start = new Date(startMs);
    endMs = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + options.months, start.getUTCDate(), start.getUTCHours(), start.getUTCMinutes());
  } else throw new SyntheticMarketError("Give either endMs or months (a whole number above 0) for the synthetic market's span");
  if (!(endMs > startMs)) throw new SyntheticMarketError(`The span must end after it starts (start ${new Date(startMs).toISOString()})`);
  return { startMs, endMs };
}

/** The shared market factor: a standardized t shock and a GARCH variance per minute. */
function generateMarketFactor(rng: SeededRandom, bars: number): { shock: Float64Array; variance: Float64Array } {
  const shock = new Float64Array(bars);
  const variance = new Float64Array(bars);
  let h = 1;
  for (let t = 0; t < bars; t++) {
    const z = rng.standardizedT(T_DF);
    shock[t] = z;
    variance[t] = h;
    h = Math.min(GARCH_CAP, GARCH_OMEGA + GARCH_ALPHA * h * z * z + GARCH_BETA * h);
  }
  return { shock, variance };
}

function emptySeries(symbol: string, bars: number): CandleSeries {
  return {
    symbol,
    timeframe: "1m",
    length: bars,
    time: new Float64Array(bars),
    open: new Float64Array(bars),
    high: new Float64Array(bars),
    low: new Float64Array(bars),
    close: new Float64Array(bars),
    volume: new Float64Array(bars),
  };
}

interface Shared {
  startMs: number;
  regimes: readonly RegimeSegment[];
  shock: Float64Array;
  variance: Float64Array;
}

function generateInstrumentCandles(
  rng: SeededRandom,
  symbol: string,
  p: SyntheticInstrumentParams,
  shared: Shared,
  progress: (bars: number) => void,
): CandleSeries {
  const bars = shared.shock.length;
  const out = emptySeries(symbol, bars);
  const marketWeight = Math.sqrt(p.marketShare);
  const ownWeight = Math.sqrt(1 - p.marketShare);
  const priceScale = 1 / p.tick;
  const volumeScale = 10 ** p.volumeDecimals;
  const round = (price: number): number => Math.round(price * priceScale) / priceScale;
  let logClose = Math.log(p.startPrice);
  let sinceProgress = 0;
  for (const segment of shared.regimes) {
    const level = logClose;
    const reversion = segment.regime === "ranging" ? RANGE_REVERSION : 0;
    const trend = segment.drift * p.trendBeta;
    const regimeVol = REGIME_VOL[segment.regime];
    for (let t = segment.startIndex; t < segment.endIndex; t++) {
      const time = shared.startMs + t * MINUTE_MS;
      const activity = intradayActivity(time);
      const sigma = p.minuteVol * Math.sqrt((shared.variance[t] ?? 1) * activity) * regimeVol;
      const shock = marketWeight * (shared.shock[t] ?? 0) + ownWeight * rng.standardizedT(T_DF);
      const gap = rng.next() < OPEN_GAP_PROBABILITY ? 0.2 * sigma * rng.normal() : 0;
      const logOpen = logClose + gap;
      const move = trend - reversion * (logOpen - level) + sigma * shock;
      // Extremes of a Brownian bridge from 0 to `move`: exact draws of the intra-minute high and low.
      const up = 0.5 * (move + Math.sqrt(move * move + 2 * sigma * sigma * rng.exponential(1)));
      const down = 0.5 * (move - Math.sqrt(move * move + 2 * sigma * sigma * rng.exponential(1)));
      logClose = logOpen + move;
      // Rounding is monotone, so high ≥ open, close ≥ low survives it.
      out.time[t] = time;
      out.open[t] = round(Math.exp(logOpen));
      out.close[t] = round(Math.exp(logClose));
      out.high[t] = round(Math.exp(logOpen + up));
      out.low[t] = round(Math.exp(logOpen + down));
      // Volume follows the session and the size of the move, with lognormal noise.
      const intensity = 0.35 + 0.65 * (Math.abs(move) / p.minuteVol);
      const noise = Math.exp(VOLUME_NOISE * rng.normal() - 0.5 * VOLUME_NOISE * VOLUME_NOISE);
      out.volume[t] = Math.max(1, Math.round(p.minuteVolume * activity * intensity * noise * volumeScale)) / volumeScale;
      if (++sinceProgress === PROGRESS_EVERY) {
        progress(sinceProgress);
        sinceProgress = 0;
      }
    }
  }
  progress(sinceProgress);
  return out;
}

function parseEffect(effect: SyntheticMarketOptions["plantedEffect"]): PlantedEffect | undefined {
  if (effect === undefined) return undefined;
  const parsed = plantedEffectSchema.safeParse(effect);
  if (!parsed.success) throw new SyntheticMarketError(`Invalid planted effect: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * A deterministic, realistic 1m market: shared regime phases and GARCH volatility, fat-tailed correlated
 * returns, session-shaped volume and momentum-driven funding. Same options, same output; each symbol's data
 * depends only on the seed and the symbol, not on which other symbols are requested.
 */
export function generateSyntheticMarket(options: SyntheticMarketOptions): SyntheticMarket {
  if (options.symbols.length === 0) throw new SyntheticMarketError("Name at least one symbol to generate");
  const { startMs, endMs } = resolveSpan(options);
  const effect = parseEffect(options.plantedEffect);
  const bars = (endMs - startMs) / MINUTE_MS;
  const marketRng = new SeededRandom(options.seed, "market");
  const regimes = generateRegimePath(marketRng, bars, startMs);
  const { shock, variance } = generateMarketFactor(marketRng, bars);
  const shared: Shared = { startMs, regimes, shock, variance };
  const total = bars * options.symbols.length;
  let done = 0;
  const progress = (count: number): void => {
    done += count;
    options.onProgress?.(done, total);
  };
  const instruments = options.symbols.map((symbol) => {
    const params = syntheticInstrumentParams(symbol);
    const candles1m = generateInstrumentCandles(new SeededRandom(options.seed, `candles/${symbol}`), symbol, params, shared, progress);
    const fundingRng = new SeededRandom(options.seed, `funding/${symbol}`);
    if (!effect) return { symbol, candles1m, funding: generateFundingRates(fundingRng, startMs, endMs, candles1m.close) };
    // The same random draws as without the effect: the planted path is the base path plus the effect, nothing else.
    const planted = plantEffect(candles1m, syntheticFundingProcess(fundingRng, startMs), effect, params.tick);
    return { symbol, candles1m: planted.candles1m, funding: planted.funding, plantedEvents: planted.events };
  });
  return { startMs, endMs, regimes, instruments };
}
