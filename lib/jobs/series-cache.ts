import type { Database } from "@/db/client";
import { loadCandleSeries, type TimeRange } from "@/db/queries/candles";
import { seriesWrittenAt } from "@/db/queries/data-sources";
import type { CandleSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";

/** Series kept per process: 3 instruments × 5 timeframes of six months is about 100 MB. */
const MAX_SERIES = 20;

interface Entry {
  writtenAt: string;
  /** A promise, so tasks starting together on one instrument share one load. */
  series: Promise<CandleSeries>;
}

const cache = new Map<string, Entry>();

/**
 * A stored series, loaded once per worker process while it is unchanged: a worker takes many tasks on the same
 * instrument (one per timeframe, then the analysis), and each would otherwise load the same 1m series again. A copy is
 * reused only while the series' last-write stamp is the one it was loaded under, so no task reads stale bars.
 */
export async function loadCachedSeries(db: Database, symbol: string, timeframe: Timeframe, range: TimeRange): Promise<CandleSeries> {
  const writtenAt = await seriesWrittenAt(db, symbol, timeframe);
  // A series with no recorded write is not cached: nothing would tell when it changed.
  if (writtenAt === undefined) return loadCandleSeries(db, symbol, timeframe, range);
  const key = `${symbol}|${timeframe}|${range.fromMs ?? ""}|${range.toMs ?? ""}`;
  const hit = cache.get(key);
  if (hit && hit.writtenAt === writtenAt) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.series;
  }
  const series = loadCandleSeries(db, symbol, timeframe, range);
  // Stored under the stamp read before loading: a write in between makes the next call load again.
  cache.set(key, { writtenAt, series });
  series.catch(() => cache.get(key)?.series === series && cache.delete(key));
  while (cache.size > MAX_SERIES) cache.delete(cache.keys().next().value ?? key);
  return series;
}
