import { z } from "zod";
import type { FundingRate } from "./candle";
import type { CandleSeries } from "./series";
import { streamingRsi } from "./streaming-rsi";
import { FUNDING_INTERVAL_MS, firstFundingTime } from "./synthetic-funding";
import { timeframeMs, tradingTimeframeSchema } from "./timeframe";

const MINUTE_MS = 60_000;
const WEEK_MINUTES = 7 * 1440;

/** A total price change over the effect's window, as a fraction: −0.003 means price ends 0.3% lower than it would have. */
const moveSchema = z.number().gt(-0.5).lt(0.5);

/**
 * A known edge planted into the synthetic market, so research can be checked for finding an effect that is there.
 * After each trigger the price path gains a steady drift that adds up to `move` over `minutes` 1m bars; a trigger
 * while a window is still running is ignored, so `move` is exactly what one event adds.
 */
export const plantedEffectSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    /** Triggered by a funding print (8-hour rate) above `level`; the drift starts with the first bar at the print. */
    kind: z.literal("funding-above"),
    level: z.number().min(-0.0075).max(0.0075).default(0.0003),
    move: moveSchema,
    minutes: z.number().int().positive().max(WEEK_MINUTES).default(480),
  }),
  z.strictObject({
    /**
     * Triggered when a `timeframe` bar closes with RSI(`period`) of closes below `level` — and, with `candle: "bullish"`,
     * above its own open; the drift starts with the next bar.
     */
    kind: z.literal("rsi-below"),
    timeframe: tradingTimeframeSchema.default("5m"),
    period: z.number().int().min(2).max(200).default(14),
    level: z.number().gt(0).lt(100).default(25),
    candle: z.enum(["any", "bullish"]).default("any"),
    move: moveSchema,
    minutes: z.number().int().positive().max(WEEK_MINUTES).default(60),
  }),
]);
export type PlantedEffect = z.infer<typeof plantedEffectSchema>;

export interface PlantedPath {
  candles1m: CandleSeries;
  /** The funding prints of the planted path: the process reads the closes as they were after the effect. */
  funding: FundingRate[];
  /** How many windows were started. */
  events: number;
}

/** The funding process of the synthetic market: the print at `time` from the closes before it (synthetic-funding). */
export type FundingProcess = (time: number, close: Float64Array) => number;

/** For an RSI effect: called with each planted 1m bar, true when it closes a `timeframe` bar that triggers. */
function rsiTrigger(effect: PlantedEffect): ((time: number, open: number, close: number) => boolean) | null {
  if (effect.kind !== "rsi-below") return null;
  const rsi = streamingRsi(effect.period);
  const barMs = timeframeMs(effect.timeframe);
  let bucket = Number.NaN;
  let barOpen = Number.NaN;
  return (time, open, close) => {
    // The first 1m bar of a bucket opens it, as resampling does (also when the data begin mid-bucket).
    if (time - (time % barMs) !== bucket) {
      bucket = time - (time % barMs);
      barOpen = open;
    }
    if ((time + MINUTE_MS) % barMs !== 0) return false;
    return rsi(close) < effect.level && (effect.candle === "any" || close > barOpen);
  };
}

/** Copies a series' columns so the base path is left as it was. */
function copyOf(base: CandleSeries): CandleSeries {
  return { ...base, time: base.time.slice(), open: base.open.slice(), high: base.high.slice(), low: base.low.slice(), close: base.close.slice(), volume: base.volume.slice() };
}

/**
 * Writes the planted path one 1m bar at a time: the base path times e^offset, where the offset is the sum of the
 * drifts started so far. A trigger is read from the planted path as it stands when the trigger is known — funding
 * printed from earlier closes, RSI of bars already closed — and moves only later bars, so nothing a bar shows
 * depends on anything after it: the planted market has no look-ahead, and cutting it short equals planting into the
 * shorter base. `base` must be the contiguous 1m grid the synthetic market produces.
 */
export function plantEffect(base: CandleSeries, nextFunding: FundingProcess, effect: PlantedEffect, tick: number): PlantedPath {
  const out = copyOf(base);
  const priceScale = 1 / tick;
  const round = (price: number): number => Math.round(price * priceScale) / priceScale;
  const funding: FundingRate[] = [];
  const startMs = base.time[0] ?? 0;
  let nextPrint = firstFundingTime(startMs);
  const fundingLevel = effect.kind === "funding-above" ? effect.level : null;
  const rsiTriggered = rsiTrigger(effect);
  const step = Math.log(1 + effect.move) / effect.minutes;
  let offset = 0;
  let remaining = 0;
  let events = 0;
  const start = (): void => {
    if (remaining > 0) return;
    remaining = effect.minutes;
    events++;
  };
  for (let i = 0; i < base.length; i++) {
    const time = base.time[i] ?? Number.NaN;
    for (; nextPrint <= time; nextPrint += FUNDING_INTERVAL_MS) {
      const rate = nextFunding(nextPrint, out.close);
      funding.push({ time: nextPrint, rate });
      if (fundingLevel !== null && rate > fundingLevel) start();
    }
    const from = offset;
    if (remaining > 0) {
      offset += step;
      remaining--;
    }
    if (from !== 0 || offset !== 0) {
      // The offset moves linearly through the bar, so the extremes scale with the larger and smaller end.
      out.open[i] = round((base.open[i] ?? Number.NaN) * Math.exp(from));
      out.close[i] = round((base.close[i] ?? Number.NaN) * Math.exp(offset));
      out.high[i] = round((base.high[i] ?? Number.NaN) * Math.exp(Math.max(from, offset)));
      out.low[i] = round((base.low[i] ?? Number.NaN) * Math.exp(Math.min(from, offset)));
    }
    if (rsiTriggered?.(time, out.open[i] ?? Number.NaN, out.close[i] ?? Number.NaN)) start();
  }
  return { candles1m: out, funding, events };
}
