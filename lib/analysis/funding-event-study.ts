import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { DEFAULT_FUNDING_BANDS, type FundingBands, classifyFunding, fundingIntervalMs, normaliseTo8h } from "./funding-classification";
import { type ClosedBars, type ExtremeClass, closedBarsOf, priceAt } from "./funding-study";
import { Z_95 } from "./interval";

/** The average move h hours after the events of one class, relative to the price at the event (0.01 = +1 %). */
export interface EventPathPoint {
  readonly hours: number;
  /** Events with a price at the event and h hours later. */
  readonly events: number;
  readonly mean: number | null;
  /** mean ± 1.96 standard errors; null below two events. */
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface FundingEventStudy {
  readonly bands: FundingBands;
  readonly paths: Record<ExtremeClass, EventPathPoint[]>;
}

export interface FundingEventStudyOptions {
  readonly bands?: FundingBands;
  /** Last horizon (hours); default 24, the reversal study's longest. */
  readonly horizonHours?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The event study behind the reversal claim: for every extreme funding event (classified on its 8h-equivalent rate
 * as in fundingReversalStudy), the price path relative to the price at the event, read each hour from 0 to H with the
 * same no-look-ahead price (the close of the last bar closed by then); then per hour the mean move and its 95 %
 * interval. A reversal shows as a mean path falling after extreme_bullish and rising after extreme_bearish. Events
 * without a price at the event are left out; later hours beyond the data or in a gap only lose that hour. Extremes
 * cluster, so overlapping events make the interval narrower than the truth (as the reversal study says).
 */
export function fundingEventStudy(funding: FundingSeries, candles: CandleSeries | ClosedBars, options: FundingEventStudyOptions = {}): FundingEventStudy {
  const bands = options.bands ?? DEFAULT_FUNDING_BANDS;
  const horizon = options.horizonHours ?? 24;
  const bars = closedBarsOf(candles);
  const intervalMs = fundingIntervalMs(funding);
  const moves: Record<ExtremeClass, number[][]> = {
    extreme_bullish: Array.from({ length: horizon + 1 }, () => []),
    extreme_bearish: Array.from({ length: horizon + 1 }, () => []),
  };
  for (let i = 0; i < funding.length; i++) {
    const cls = classifyFunding(normaliseTo8h(funding.rate[i] ?? NaN, intervalMs), bands);
    if (cls !== "extreme_bullish" && cls !== "extreme_bearish") continue;
    const t = funding.time[i] ?? NaN;
    const start = priceAt(bars, t);
    if (start.kind !== "price") continue;
    for (let h = 0; h <= horizon; h++) {
      const later = priceAt(bars, t + h * HOUR_MS);
      if (later.kind === "price") moves[cls][h]?.push(later.price / start.price - 1);
    }
  }
  return { bands, paths: { extreme_bullish: moves.extreme_bullish.map(summarise), extreme_bearish: moves.extreme_bearish.map(summarise) } };
}

function summarise(values: readonly number[], hours: number): EventPathPoint {
  const n = values.length;
  if (n === 0) return { hours, events: 0, mean: null, lower: null, upper: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { hours, events: n, mean, lower: null, upper: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = Z_95 * Math.sqrt(variance / n);
  return { hours, events: n, mean, lower: mean - half, upper: mean + half };
}
