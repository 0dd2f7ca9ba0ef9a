import type { FundingRate } from "@/lib/market/candle";
import type { PlantedEffect } from "@/lib/market/planted-effect";
import type { CandleSeries } from "@/lib/market/series";
import { syntheticInstrumentParams } from "@/lib/market/synthetic-instruments";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { hypothesisSchema, type Hypothesis } from "@/lib/signals/hypothesis";
import type { KrakenCandle, KrakenFundingRate } from "@/lib/exchange/testing/emulated-kraken-history";

const DAY_MS = 86_400_000;

/**
 * The triggers of the two test hypotheses, each the planted effect's own: a bullish 5m bar closing with RSI(period)
 * below the level. Both buy; a mirrored pair (one buying, one selling a trigger) would put a trial losing as much as
 * the winner wins among four, and the deflated Sharpe would rightly call the winner luck.
 */
const BOUNCE_RSI = { period: 14, level: 45 } as const;
const SNAP_RSI = { period: 7, level: 35 } as const;

const base = {
  timeframe: "5m",
  direction: "long",
  stopLoss: "1.5 ATR below entry",
  target: "1.5R",
  typicalHoldMinutes: [10, 90],
  slippagePips: 1.5,
  expectedAccuracy: 0.55,
  signalType: "mean_reversion",
  indicatorsUsed: ["RSI"],
  regimeBest: "ranging",
  fundingRateConsideration: "none",
  maxHoldMinutes: 180,
};

/** Buys the bounce BTC's planted effect puts after its trigger, all along the history. */
export const BOUNCE_LONG: Hypothesis = hypothesisSchema.parse({
  ...base,
  id: "h_loop_bounce_long",
  name: "Loop_Bounce_5m_Long",
  entryConditions: [`RSI(${BOUNCE_RSI.period}) < ${BOUNCE_RSI.level}`, "Close > Open"],
  description: "Buys a bullish 5m bar closing with RSI(14) below 45: the market planted on BTC bounces after it.",
});

/** Buys the snap-back ETH's planted effect puts after its trigger, in the first half of the history only. */
export const SNAP_LONG: Hypothesis = hypothesisSchema.parse({
  ...base,
  id: "h_loop_snap_long",
  name: "Loop_Snap_5m_Long",
  entryConditions: [`RSI(${SNAP_RSI.period}) < ${SNAP_RSI.level}`, "Close > Open"],
  description: "Buys a bullish 5m bar closing with RSI(7) below 35: the market planted on ETH snapped back after it, for a while.",
});

/** The hypotheses file the loop tests in the end-to-end test: the two above, nothing else (four trials with two instruments). */
export function loopHypothesesFile(): { path: string; text: string } {
  return { path: "research-loop-test.json", text: JSON.stringify({ version: 1, hypotheses: [BOUNCE_LONG, SNAP_LONG] }) };
}

const effect = (rsi: { period: number; level: number }, move: number): PlantedEffect => ({ kind: "rsi-below", timeframe: "5m", ...rsi, candle: "bullish", move, minutes: 60 });

export interface PlantedLoopMarket {
  readonly startMs: number;
  readonly endMs: number;
  /** Where ETH's effect stops: candles opening at or after it are the market without it. */
  readonly decayMs: number;
  readonly candles1m: Readonly<Record<"BTCUSDT.P" | "ETHUSDT.P", CandleSeries>>;
  readonly funding: Readonly<Record<"BTCUSDT.P" | "ETHUSDT.P", FundingRate[]>>;
}

/**
 * Two instruments over `days` days ending at `endMs`: BTC with a bounce of `move` planted after every trigger of
 * BOUNCE_LONG all along, ETH with one after every trigger of SNAP_LONG until `decayMs` (half way) and none after. ETH after the decay is its own base path,
 * scaled to go on from where the planted path stood, so the price is continuous and the only change is the effect.
 */
export function plantedLoopMarket(options: { endMs: number; days: number; seed?: number; move?: number }): PlantedLoopMarket {
  const seed = options.seed ?? 11;
  const move = options.move ?? 0.01;
  const startMs = options.endMs - options.days * DAY_MS;
  const decayMs = startMs + Math.floor(options.days / 2) * DAY_MS;
  const span = { seed, startMs, endMs: options.endMs };
  const btc = generateSyntheticMarket({ ...span, symbols: ["BTCUSDT.P"], plantedEffect: effect(BOUNCE_RSI, move) }).instruments[0];
  const ethPlanted = generateSyntheticMarket({ ...span, symbols: ["ETHUSDT.P"], plantedEffect: effect(SNAP_RSI, move) }).instruments[0];
  const ethBase = generateSyntheticMarket({ ...span, symbols: ["ETHUSDT.P"] }).instruments[0];
  if (!btc || !ethPlanted || !ethBase) throw new Error("the synthetic market made no instrument");
  return {
    startMs,
    endMs: options.endMs,
    decayMs,
    candles1m: { "BTCUSDT.P": btc.candles1m, "ETHUSDT.P": spliceAt(ethPlanted.candles1m, ethBase.candles1m, decayMs, syntheticInstrumentParams("ETHUSDT.P").tick) },
    funding: { "BTCUSDT.P": btc.funding, "ETHUSDT.P": [...ethPlanted.funding.filter((f) => f.time < decayMs), ...ethBase.funding.filter((f) => f.time >= decayMs)] },
  };
}

/** `before` up to `at`, then `after` scaled by the ratio of their closes just before `at`, rounded to the tick. */
function spliceAt(before: CandleSeries, after: CandleSeries, at: number, tick: number): CandleSeries {
  const cut = before.time.findIndex((t) => t >= at);
  const scale = (before.close[cut - 1] ?? 1) / (after.close[cut - 1] ?? 1);
  const round = (p: number) => Math.round((p * scale) / tick) * tick;
  const out: CandleSeries = { ...before, time: before.time.slice(), open: before.open.slice(), high: before.high.slice(), low: before.low.slice(), close: before.close.slice(), volume: before.volume.slice() };
  for (let i = cut; i < out.length; i++) {
    out.open[i] = round(after.open[i] ?? Number.NaN);
    out.high[i] = round(after.high[i] ?? Number.NaN);
    out.low[i] = round(after.low[i] ?? Number.NaN);
    out.close[i] = round(after.close[i] ?? Number.NaN);
    out.volume[i] = after.volume[i] ?? 0;
  }
  return out;
}

/** The emulator's spelling of a series: Kraken's candle JSON (prices as decimal strings). */
export function krakenCandlesOf(series: CandleSeries): KrakenCandle[] {
  return Array.from(series.time, (time, i) => ({
    time,
    open: String(series.open[i]),
    high: String(series.high[i]),
    low: String(series.low[i]),
    close: String(series.close[i]),
    volume: series.volume[i] ?? 0,
  }));
}

/** Kraken's funding history JSON of 8-hourly prints. */
export function krakenFundingOf(rates: readonly FundingRate[], price: number): KrakenFundingRate[] {
  return rates.map((r) => ({ timestamp: new Date(r.time).toISOString(), fundingRate: r.rate * price, relativeFundingRate: r.rate }));
}
