import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { timeframeMs } from "@/lib/market/timeframe";
import { type ClaimVerdict, claimVerdict } from "./claim-verdict";
import { DEFAULT_FUNDING_BANDS, FUNDING_CLASSES, type FundingBands, type FundingClass, classifyFunding, fundingIntervalMs, normaliseTo8h } from "./funding-classification";
import { type Interval, Z_95 } from "./interval";
import { wilsonInterval } from "./wilson-interval";

export type ExtremeClass = Extract<FundingClass, "extreme_bullish" | "extreme_bearish">;

export interface ReversalCell {
  readonly horizonHours: number;
  /** Extreme events with a price at τ and at τ + h. */
  readonly events: number;
  /** Of those, how many moved against the crowd: price fell after extreme_bullish, rose after extreme_bearish. */
  readonly reversals: number;
  readonly probability: number | null;
  /** Wilson 95 % interval of the reversal probability. */
  readonly ci: Interval | null;
  readonly claimed: number;
  readonly verdict: ClaimVerdict;
  /** τ + h after the close of the last candle. */
  readonly excludedBeyondData: number;
  /** No candle closed within one bar before τ or τ + h (before the data or in a gap). */
  readonly excludedMissingPrice: number;
}

export interface FundingStudy {
  /** Detected funding interval (median spacing) and the factor applied to reach 8h-equivalent rates. */
  readonly intervalMs: number;
  readonly to8hFactor: number;
  readonly bands: FundingBands;
  readonly classCounts: Record<FundingClass, number>;
  readonly reversal: Record<ExtremeClass, ReversalCell[]>;
}

export interface FundingStudyOptions {
  readonly bands?: FundingBands;
  readonly horizonsHours?: readonly number[];
  /** The claimed probability of a reversal after an extreme; default 0.70. */
  readonly claimed?: number;
}

export const DEFAULT_HORIZONS_HOURS = [1, 4, 8, 24] as const;
const HOUR_MS = 3_600_000;

type PriceAt = { kind: "price"; price: number } | { kind: "beyond_data" } | { kind: "missing" };

/**
 * The price known at time t: the close of the last candle that had CLOSED by t (open + bar ≤ t). The bar that opens
 * at t (or contains t) closes after t, so reading it would look ahead by up to one bar. A funding event at 08:00 is
 * priced by the close of the bar ending at 08:00. The price must be fresh: a bar that closed a whole bar or more before
 * t (a gap in the data) gives `missing`, and t after the last bar's close gives `beyond_data`.
 */
function priceAt(candles: CandleSeries, barMs: number, t: number): PriceAt {
  const n = candles.length;
  if (n === 0) return { kind: "missing" };
  const lastClose = (candles.time[n - 1] ?? NaN) + barMs;
  if (t > lastClose) return { kind: "beyond_data" };
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((candles.time[mid] ?? Infinity) + barMs <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0 || (candles.time[found] ?? -Infinity) + 2 * barMs <= t) return { kind: "missing" };
  return { kind: "price", price: candles.close[found] ?? NaN };
}

/**
 * Classifies every funding event on its 8h-equivalent rate (interval detected from the series, see
 * funding-classification) and, for the extremes, measures whether price moved against the crowd after h hours.
 * Events are counted as they come: extremes cluster in runs, so consecutive events overlap in their horizons and are
 * not independent — the Wilson intervals are then narrower than the truth. Hourly (Kraken) series give eight times as
 * many events as 8-hourly ones for the same period.
 */
export function fundingReversalStudy(funding: FundingSeries, candles: CandleSeries, options: FundingStudyOptions = {}): FundingStudy {
  const bands = options.bands ?? DEFAULT_FUNDING_BANDS;
  const horizons = options.horizonsHours ?? DEFAULT_HORIZONS_HOURS;
  const claimed = options.claimed ?? 0.7;
  const intervalMs = fundingIntervalMs(funding);
  const barMs = timeframeMs(candles.timeframe);

  const classCounts = Object.fromEntries(FUNDING_CLASSES.map((c) => [c, 0])) as Record<FundingClass, number>;
  const extremes: { time: number; cls: ExtremeClass }[] = [];
  for (let i = 0; i < funding.length; i++) {
    const cls = classifyFunding(normaliseTo8h(funding.rate[i] ?? NaN, intervalMs), bands);
    classCounts[cls]++;
    if (cls === "extreme_bullish" || cls === "extreme_bearish") extremes.push({ time: funding.time[i] ?? NaN, cls });
  }

  const cellsFor = (cls: ExtremeClass): ReversalCell[] =>
    horizons.map((horizonHours) => {
      let events = 0;
      let reversals = 0;
      let beyond = 0;
      let missing = 0;
      for (const e of extremes) {
        if (e.cls !== cls) continue;
        const later = priceAt(candles, barMs, e.time + horizonHours * HOUR_MS);
        if (later.kind === "beyond_data") {
          beyond++;
          continue;
        }
        const now = priceAt(candles, barMs, e.time);
        if (now.kind !== "price" || later.kind !== "price") {
          missing++;
          continue;
        }
        events++;
        if (cls === "extreme_bullish" ? later.price < now.price : later.price > now.price) reversals++;
      }
      const ci = wilsonInterval(reversals, events, Z_95);
      return {
        horizonHours,
        events,
        reversals,
        probability: events > 0 ? reversals / events : null,
        ci,
        claimed,
        verdict: claimVerdict(ci, claimed),
        excludedBeyondData: beyond,
        excludedMissingPrice: missing,
      };
    });

  return {
    intervalMs,
    to8hFactor: (8 * HOUR_MS) / intervalMs,
    bands,
    classCounts,
    reversal: { extreme_bullish: cellsFor("extreme_bullish"), extreme_bearish: cellsFor("extreme_bearish") },
  };
}
