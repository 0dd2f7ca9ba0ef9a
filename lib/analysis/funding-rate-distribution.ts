import type { FundingSeries } from "@/lib/market/series";
import { DEFAULT_FUNDING_BANDS, FUNDING_CLASSES, type FundingBands, type FundingClass, classifyFunding, fundingIntervalMs, normaliseTo8h } from "./funding-classification";
import { type Interval, Z_95 } from "./interval";
import { wilsonInterval } from "./wilson-interval";

export interface FundingYear {
  readonly year: number;
  readonly events: number;
  readonly extremeBullish: number;
  readonly extremeBearish: number;
}

export interface FundingRateDistribution {
  readonly events: number;
  readonly from: number;
  readonly to: number;
  readonly intervalMs: number;
  readonly bands: FundingBands;
  readonly classCounts: Record<FundingClass, number>;
  /** Share of settlements above the extreme-bullish edge (the claim's "funding > 0.0003"), with its Wilson 95 % interval. */
  readonly extremeBullishShare: number;
  readonly extremeBullishCi: Interval | null;
  /** Runs of consecutive extreme-bullish settlements: how many, and the longest. */
  readonly extremeBullishRuns: number;
  readonly longestExtremeBullishRun: number;
  /** 8h-equivalent rate percentiles (nearest rank). */
  readonly percentiles: Readonly<Record<"p1" | "p5" | "p50" | "p95" | "p99", number>>;
  readonly min: number;
  readonly max: number;
  /** Per UTC calendar year. */
  readonly perYear: readonly FundingYear[];
}

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/**
 * How funding rates were spread over a history, on the 8h-equivalent rate and the study's bands: for a rate history
 * without prices, this is what can be said about the claim — how often its trigger happens at all.
 */
export function fundingRateDistribution(funding: FundingSeries, bands: FundingBands = DEFAULT_FUNDING_BANDS): FundingRateDistribution {
  const intervalMs = fundingIntervalMs(funding);
  const classCounts = Object.fromEntries(FUNDING_CLASSES.map((c) => [c, 0])) as Record<FundingClass, number>;
  const years = new Map<number, { events: number; extremeBullish: number; extremeBearish: number }>();
  const rates: number[] = [];
  let runs = 0;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < funding.length; i++) {
    const rate = normaliseTo8h(funding.rate[i] ?? NaN, intervalMs);
    const cls = classifyFunding(rate, bands);
    rates.push(rate);
    classCounts[cls]++;
    const year = new Date(funding.time[i] ?? NaN).getUTCFullYear();
    const tally = years.get(year) ?? { events: 0, extremeBullish: 0, extremeBearish: 0 };
    tally.events++;
    if (cls === "extreme_bullish") tally.extremeBullish++;
    if (cls === "extreme_bearish") tally.extremeBearish++;
    years.set(year, tally);
    run = cls === "extreme_bullish" ? run + 1 : 0;
    if (run === 1) runs++;
    longest = Math.max(longest, run);
  }
  rates.sort((a, b) => a - b);
  const n = funding.length;
  return {
    events: n,
    from: funding.time[0] ?? NaN,
    to: funding.time[n - 1] ?? NaN,
    intervalMs,
    bands,
    classCounts,
    extremeBullishShare: n > 0 ? classCounts.extreme_bullish / n : NaN,
    extremeBullishCi: wilsonInterval(classCounts.extreme_bullish, n, Z_95),
    extremeBullishRuns: runs,
    longestExtremeBullishRun: longest,
    percentiles: { p1: percentile(rates, 0.01), p5: percentile(rates, 0.05), p50: percentile(rates, 0.5), p95: percentile(rates, 0.95), p99: percentile(rates, 0.99) },
    min: rates[0] ?? NaN,
    max: rates[n - 1] ?? NaN,
    perYear: [...years].sort(([a], [b]) => a - b).map(([year, t]) => ({ year, ...t })),
  };
}
