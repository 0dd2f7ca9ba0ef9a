import type { SeededRandom } from "./seeded-random";

export const MARKET_REGIMES = ["trending-up", "trending-down", "ranging", "choppy"] as const;
export type MarketRegime = (typeof MARKET_REGIMES)[number];

/** One phase of the synthetic market: bars [startIndex, endIndex) of the 1m grid share a regime. */
export interface RegimeSegment {
  regime: MarketRegime;
  startIndex: number;
  endIndex: number;
  startMs: number;
  endMs: number;
  /** Log-return drift per minute of the market factor (signed; zero outside trends). */
  drift: number;
}

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;

/** Mean phase lengths in hours: trends last a day or two, choppy spells half a day. */
const MEAN_HOURS: Record<MarketRegime, number> = { "trending-up": 30, "trending-down": 24, ranging: 36, choppy: 12 };
const MIN_HOURS = 3;
const MAX_HOURS = 7 * 24;

/** Next-phase probabilities (no self-transitions: a phase's length comes from its duration draw). */
const TRANSITIONS: Record<MarketRegime, readonly [MarketRegime, number][]> = {
  "trending-up": [["ranging", 0.45], ["choppy", 0.25], ["trending-down", 0.3]],
  "trending-down": [["ranging", 0.45], ["choppy", 0.25], ["trending-up", 0.3]],
  ranging: [["trending-up", 0.35], ["trending-down", 0.3], ["choppy", 0.35]],
  choppy: [["trending-up", 0.3], ["trending-down", 0.3], ["ranging", 0.4]],
};

/** Trend strength: 2–6% per day in the trend's direction. */
const TREND_DAILY_MIN = 0.02;
const TREND_DAILY_MAX = 0.06;

function nextRegime(current: MarketRegime, rng: SeededRandom): MarketRegime {
  let u = rng.next();
  const options = TRANSITIONS[current];
  for (const [regime, p] of options) {
    if (u < p) return regime;
    u -= p;
  }
  return options[options.length - 1]?.[0] ?? "ranging";
}

/** A Markov chain of market phases covering `bars` minutes from `startMs`. */
export function generateRegimePath(rng: SeededRandom, bars: number, startMs: number): RegimeSegment[] {
  const segments: RegimeSegment[] = [];
  let regime = MARKET_REGIMES[Math.floor(rng.next() * MARKET_REGIMES.length)] ?? "ranging";
  let start = 0;
  while (start < bars) {
    const hours = Math.min(MAX_HOURS, MIN_HOURS + rng.exponential(MEAN_HOURS[regime] - MIN_HOURS));
    const end = Math.min(bars, start + Math.max(1, Math.round(hours * HOUR_MINUTES)));
    const daily = TREND_DAILY_MIN + rng.next() * (TREND_DAILY_MAX - TREND_DAILY_MIN);
    const drift = regime === "trending-up" ? daily / 1440 : regime === "trending-down" ? -daily / 1440 : 0;
    segments.push({ regime, startIndex: start, endIndex: end, startMs: startMs + start * MINUTE_MS, endMs: startMs + end * MINUTE_MS, drift });
    start = end;
    regime = nextRegime(regime, rng);
  }
  return segments;
}
