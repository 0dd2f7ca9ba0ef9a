import { SeededRandom } from "@/lib/market/seeded-random";
import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { bucketStart, timeframeMs, type Timeframe } from "@/lib/market/timeframe";

/** Deterministic uniform draws in [0, 1), identical run to run (the market generator's PRNG). */
export function prng(seed: number): () => number {
  const rng = new SeededRandom(seed);
  return () => rng.next();
}

/** Midnight UTC, 2024-01-01: aligned to every timeframe the tests resample to. */
export const EPOCH_START = Date.UTC(2024, 0, 1);

/**
 * A random-walk market with volatility regimes, trends and occasional volume spikes, so that the catalog's
 * rules (extremes, crosses, spikes) actually fire.
 */
export function randomWalkSeries(symbol: string, timeframe: Timeframe, length: number, seed: number, start = EPOCH_START): CandleSeries {
  const rand = prng(seed);
  const ms = timeframeMs(timeframe);
  const s = {
    symbol,
    timeframe,
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
  let price = 30_000;
  let vol = 0.0015;
  let drift = 0;
  for (let i = 0; i < length; i++) {
    if (rand() < 0.01) vol = 0.0005 + rand() * 0.003;
    if (rand() < 0.005) drift = (rand() - 0.5) * 0.001;
    const shock = rand() < 0.01 ? (rand() - 0.5) * 12 : 1;
    const open = price;
    const close = open * (1 + drift + (rand() - 0.5) * 2 * vol * Math.abs(shock));
    s.time[i] = start + i * ms;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + rand() * vol);
    s.low[i] = Math.min(open, close) * (1 - rand() * vol);
    s.volume[i] = 100 * (0.5 + rand()) * (Math.abs(shock) > 1 || rand() < 0.03 ? 2 + rand() * 4 : 1);
    price = close;
  }
  return s;
}

/** Aggregates a series into a coarser timeframe; a trailing incomplete bucket is kept (as a live feed would). */
export function resample(series: CandleSeries, timeframe: Timeframe): CandleSeries {
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

/** Funding every 8h from `start` to `end`, occasionally beyond the catalog's extremes (±0.0006). */
export function syntheticFunding(symbol: string, start: number, end: number, seed: number): FundingSeries {
  const rand = prng(seed);
  const times: number[] = [];
  const rates: number[] = [];
  for (let t = bucketStart(start, "1m"); t <= end; t += 8 * 3_600_000) {
    times.push(t);
    rates.push((rand() - 0.5) * 0.0012);
  }
  return { symbol, length: times.length, time: Float64Array.from(times), rate: Float64Array.from(rates) };
}

/** A tiny hand-written series for exact-value tests; high/low default to close ± 1, volume to 1. */
export function seriesOf(
  closes: readonly number[],
  options: { timeframe?: Timeframe; high?: readonly number[]; low?: readonly number[]; volume?: readonly number[]; open?: readonly number[]; start?: number } = {},
): CandleSeries {
  const timeframe = options.timeframe ?? "5m";
  const ms = timeframeMs(timeframe);
  const start = options.start ?? EPOCH_START;
  return {
    symbol: "TESTUSDT.P",
    timeframe,
    length: closes.length,
    time: Float64Array.from(closes, (_, i) => start + i * ms),
    open: Float64Array.from(closes, (c, i) => options.open?.[i] ?? c),
    high: Float64Array.from(closes, (c, i) => options.high?.[i] ?? c + 1),
    low: Float64Array.from(closes, (c, i) => options.low?.[i] ?? c - 1),
    close: Float64Array.from(closes),
    volume: Float64Array.from(closes, (_, i) => options.volume?.[i] ?? 1),
  };
}
