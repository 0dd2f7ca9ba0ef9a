import type { FundingSeries } from "../series";
import { bucketStart } from "../timeframe";
import { uniformDraws } from "./uniform-draws";

/** Funding every 8h from `start` to `end`, occasionally beyond the catalog's extremes (±0.0006). */
export function randomFundingSeries(symbol: string, start: number, end: number, seed: number): FundingSeries {
  const rand = uniformDraws(seed);
  const times: number[] = [];
  const rates: number[] = [];
  for (let t = bucketStart(start, "1m"); t <= end; t += 8 * 3_600_000) {
    times.push(t);
    rates.push((rand() - 0.5) * 0.0012);
  }
  return { symbol, length: times.length, time: Float64Array.from(times), rate: Float64Array.from(rates) };
}
