import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { timeframeMs } from "@/lib/market/timeframe";
import { type ClaimVerdict, claimVerdict } from "./claim-verdict";
import { DEFAULT_FUNDING_BANDS, FUNDING_CLASSES, type FundingBands, type FundingClass, classifyFunding, fundingIntervalMs, normaliseTo8h } from "./funding-classification";
import { AnalysisError } from "./errors";
import { type Interval, Z_95 } from "./interval";
import { type TwoProportionTest, twoProportionTest } from "./two-proportion-test";
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
  /** The same move over the same horizon after every other funding event: what "reversal" gives with no signal. */
  readonly baseline: BaselineMoves;
  /** Reversal probability after the extremes against the baseline's (pooled two-proportion z-test). */
  readonly versusBaseline: TwoProportionTest | null;
  /** Only the first event of each run of consecutive extremes: fewer events, but far less overlap between them. */
  readonly firstOfRun: FirstOfRunCell;
}

export interface BaselineMoves {
  readonly events: number;
  /** Of those, how many moved the way a reversal would (down for extreme_bullish, up for extreme_bearish). */
  readonly moves: number;
  readonly probability: number | null;
  readonly ci: Interval | null;
}

export interface FirstOfRunCell {
  readonly events: number;
  readonly reversals: number;
  readonly probability: number | null;
  readonly ci: Interval | null;
  readonly verdict: ClaimVerdict;
}

/** The closes the study reads: bar open times (epoch ms, ascending), closes and the bar length. */
export interface ClosedBars {
  readonly length: number;
  readonly time: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly barMs: number;
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
/** The claim under test: a reversal follows an extreme funding rate 70 % of the time. */
export const DEFAULT_REVERSAL_CLAIM = 0.7;
const HOUR_MS = 3_600_000;

export type PriceAt = { kind: "price"; price: number } | { kind: "beyond_data" } | { kind: "missing" };

/**
 * The price known at time t: the close of the last candle that had CLOSED by t (open + bar ≤ t). The bar that opens
 * at t (or contains t) closes after t, so reading it would look ahead by up to one bar. A funding event at 08:00 is
 * priced by the close of the bar ending at 08:00. The price must be fresh: a bar that closed a whole bar or more before
 * t (a gap in the data) gives `missing`, and t after the last bar's close gives `beyond_data`.
 */
export function priceAt(bars: ClosedBars, t: number): PriceAt {
  const n = bars.length;
  const barMs = bars.barMs;
  if (n === 0) return { kind: "missing" };
  const lastClose = (bars.time[n - 1] ?? NaN) + barMs;
  if (t > lastClose) return { kind: "beyond_data" };
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((bars.time[mid] ?? Infinity) + barMs <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0 || (bars.time[found] ?? -Infinity) + 2 * barMs <= t) return { kind: "missing" };
  return { kind: "price", price: bars.close[found] ?? NaN };
}

/** What price did over h hours after one funding event. */
type Outcome = "up" | "down" | "flat" | "beyond_data" | "missing";

function outcomeAfter(bars: ClosedBars, time: number, horizonMs: number): Outcome {
  const later = priceAt(bars, time + horizonMs);
  if (later.kind === "beyond_data") return "beyond_data";
  const now = priceAt(bars, time);
  if (now.kind !== "price" || later.kind !== "price") return "missing";
  return later.price > now.price ? "up" : later.price < now.price ? "down" : "flat";
}

export function closedBarsOf(candles: CandleSeries | ClosedBars): ClosedBars {
  return "barMs" in candles ? candles : { length: candles.length, time: candles.time, close: candles.close, barMs: timeframeMs(candles.timeframe) };
}

/**
 * Classifies every funding event on its 8h-equivalent rate (interval detected from the series, see
 * funding-classification) and, for the extremes, measures whether price moved against the crowd after h hours, beside
 * the same move after every other funding event (the baseline). Events are counted as they come: extremes cluster in
 * runs, so consecutive events overlap in their horizons and are not independent — the Wilson intervals and the z-test
 * are then narrower than the truth; `firstOfRun` keeps one event per run to show how much that matters. Hourly
 * (Kraken) series give eight times as many events as 8-hourly ones for the same period. Horizons must be at least one
 * bar: a shorter one would read the price at τ twice.
 */
export function fundingReversalStudy(funding: FundingSeries, candles: CandleSeries | ClosedBars, options: FundingStudyOptions = {}): FundingStudy {
  const bands = options.bands ?? DEFAULT_FUNDING_BANDS;
  const horizons = options.horizonsHours ?? DEFAULT_HORIZONS_HOURS;
  const claimed = options.claimed ?? DEFAULT_REVERSAL_CLAIM;
  const intervalMs = fundingIntervalMs(funding);
  const bars = closedBarsOf(candles);
  const tooShort = horizons.find((h) => !(h * HOUR_MS >= bars.barMs));
  if (tooShort !== undefined) {
    throw new AnalysisError("INVALID_PARAMETER", `horizon ${tooShort}h is shorter than the ${bars.barMs / HOUR_MS}h bars: the price after it would be the price at the event`);
  }

  const classCounts = Object.fromEntries(FUNDING_CLASSES.map((c) => [c, 0])) as Record<FundingClass, number>;
  const classes: FundingClass[] = [];
  for (let i = 0; i < funding.length; i++) {
    const cls = classifyFunding(normaliseTo8h(funding.rate[i] ?? NaN, intervalMs), bands);
    classCounts[cls]++;
    classes.push(cls);
  }

  const cellsFor = (cls: ExtremeClass): ReversalCell[] => {
    const reversal: Outcome = cls === "extreme_bullish" ? "down" : "up";
    return horizons.map((horizonHours) => {
      let events = 0;
      let reversals = 0;
      let beyond = 0;
      let missing = 0;
      let baseEvents = 0;
      let baseMoves = 0;
      let firstEvents = 0;
      let firstReversals = 0;
      for (let i = 0; i < funding.length; i++) {
        const outcome = outcomeAfter(bars, funding.time[i] ?? NaN, horizonHours * HOUR_MS);
        const measured = outcome !== "beyond_data" && outcome !== "missing";
        if (classes[i] !== cls) {
          if (measured) {
            baseEvents++;
            if (outcome === reversal) baseMoves++;
          }
          continue;
        }
        if (outcome === "beyond_data") beyond++;
        if (outcome === "missing") missing++;
        if (!measured) continue;
        events++;
        if (outcome === reversal) reversals++;
        if (classes[i - 1] !== cls) {
          firstEvents++;
          if (outcome === reversal) firstReversals++;
        }
      }
      const ci = wilsonInterval(reversals, events, Z_95);
      const baseCi = wilsonInterval(baseMoves, baseEvents, Z_95);
      const firstCi = wilsonInterval(firstReversals, firstEvents, Z_95);
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
        baseline: { events: baseEvents, moves: baseMoves, probability: baseEvents > 0 ? baseMoves / baseEvents : null, ci: baseCi },
        versusBaseline: twoProportionTest(reversals, events, baseMoves, baseEvents),
        firstOfRun: { events: firstEvents, reversals: firstReversals, probability: firstEvents > 0 ? firstReversals / firstEvents : null, ci: firstCi, verdict: claimVerdict(firstCi, claimed) },
      };
    });
  };

  return {
    intervalMs,
    to8hFactor: (8 * HOUR_MS) / intervalMs,
    bands,
    classCounts,
    reversal: { extreme_bullish: cellsFor("extreme_bullish"), extreme_bearish: cellsFor("extreme_bearish") },
  };
}
