import type { Database } from "@/db/client";
import { loadCandleSeries } from "@/db/queries/candles";
import { resampleSeries } from "@/lib/market/resample-candles";
import type { CandleSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";
import { storeCandleSeries } from "./store-candle-series";

export interface ResampleReport {
  timeframe: Timeframe;
  rows: number;
  incompleteBuckets: number;
}

/**
 * Builds coarser series from a finer one already in memory and stores them through the common write path.
 * Buckets with missing source bars are kept and counted (never padded); an in-progress last bucket is held back.
 */
export async function storeResampled(db: Database, source: CandleSeries, targets: readonly Timeframe[], nowMs?: number): Promise<ResampleReport[]> {
  const reports: ResampleReport[] = [];
  for (const tf of targets) {
    const { series, incomplete } = resampleSeries(source, tf, { nowMs });
    const rows = await storeCandleSeries(db, series, { kind: "resampled", detail: `from ${source.timeframe}` });
    reports.push({ timeframe: tf, rows, incompleteBuckets: incomplete.length });
  }
  return reports;
}

/** Rebuilds 2m (Kraken has none) from the stored 1m bars of one instrument. */
export async function resampleStoredMinutes(db: Database, symbol: string, targets: readonly Timeframe[], nowMs = Date.now()): Promise<ResampleReport[]> {
  const minutes = await loadCandleSeries(db, symbol, "1m");
  if (minutes.length === 0) return [];
  return storeResampled(db, minutes, targets, nowMs);
}
