import type { FundingRate } from "./candle";
import type { SeededRandom } from "./seeded-random";

export const FUNDING_INTERVAL_MS = 8 * 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** Exchanges' neutral rate (0.01% per 8h), the momentum response and the exchange cap. */
const BASE_RATE = 0.0001;
const MOMENTUM_GAIN = 0.003;
const RATE_CAP = 0.0075;
/** Crowd positioning drifts slowly: an AR(1) term so extremes come in runs, as they do on exchanges. */
const SENTIMENT_PERSISTENCE = 0.7;
const SENTIMENT_NOISE = 0.00005;

/** The first funding time at or after `startMs`. */
export function firstFundingTime(startMs: number): number {
  return Math.ceil(startMs / FUNDING_INTERVAL_MS) * FUNDING_INTERVAL_MS;
}

/**
 * The funding process one print at a time, in time order: neutral rate plus a response to the trailing 24h return
 * (longs pay more after rallies), plus persistent noise, clamped to ±0.75%. The print at `time` reads only closes
 * before `time`, so a path still being written (a planted effect reacting to funding) can ask for it as it goes.
 */
export function syntheticFundingProcess(rng: SeededRandom, startMs: number): (time: number, close: Float64Array) => number {
  let sentiment = 0;
  return (time, close) => {
    const last = (time - startMs) / MINUTE_MS - 1;
    const first = Math.max(0, last - DAY_MINUTES);
    const momentum = last > first ? Math.log((close[last] ?? 1) / (close[first] ?? 1)) : 0;
    sentiment = SENTIMENT_PERSISTENCE * sentiment + SENTIMENT_NOISE * rng.normal();
    const raw = BASE_RATE + MOMENTUM_GAIN * momentum + sentiment;
    return Math.round(Math.min(RATE_CAP, Math.max(-RATE_CAP, raw)) * 1e8) / 1e8; // exchanges publish 8 decimals
  };
}

/** Funding every 8 hours (00:00, 08:00, 16:00 UTC) within [startMs, endMs) over a finished path of 1m closes. */
export function generateFundingRates(rng: SeededRandom, startMs: number, endMs: number, close: Float64Array): FundingRate[] {
  const next = syntheticFundingProcess(rng, startMs);
  const rates: FundingRate[] = [];
  for (let t = firstFundingTime(startMs); t < endMs; t += FUNDING_INTERVAL_MS) rates.push({ time: t, rate: next(t, close) });
  return rates;
}
