import type { CandleSeries } from "../series";
import { bucketStart, type Timeframe } from "../timeframe";

/**
 * Aggregates a series into a coarser timeframe; a trailing incomplete bucket is kept (as a live feed would). Unlike
 * resampleSeries it checks nothing, so a benchmark may group 2m bars into 5m ones, which do not nest.
 */
export function resampleUnchecked(series: CandleSeries, timeframe: Timeframe): CandleSeries {
  const rows: { time: number; open: number; high: number; low: number; close: number; volume: number }[] = [];
  for (let i = 0; i < series.length; i++) {
    const t = bucketStart(series.time[i] ?? 0, timeframe);
    const o = series.open[i] ?? 0;
    const h = series.high[i] ?? 0;
    const l = series.low[i] ?? 0;
    const c = series.close[i] ?? 0;
    const v = series.volume[i] ?? 0;
    const last = rows[rows.length - 1];
    if (last && last.time === t) {
      last.high = Math.max(last.high, h);
      last.low = Math.min(last.low, l);
      last.close = c;
      last.volume += v;
    } else rows.push({ time: t, open: o, high: h, low: l, close: c, volume: v });
  }
  const col = (k: keyof (typeof rows)[number]) => Float64Array.from(rows, (r) => r[k]);
  return {
    symbol: series.symbol,
    timeframe,
    length: rows.length,
    time: col("time"),
    open: col("open"),
    high: col("high"),
    low: col("low"),
    close: col("close"),
    volume: col("volume"),
  };
}
