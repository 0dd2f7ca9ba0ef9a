import type { Candle } from "./candle";
import { toCandleSeries, type CandleSeries } from "./series";
import { bucketStarter, timeframeMs, type Timeframe } from "./timeframe";
import { describeTime } from "./describe-time";

export class ResampleError extends Error {
  readonly code = "RESAMPLE_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "ResampleError";
  }
}

/** A bucket that was built from fewer source bars than it spans. */
export interface IncompleteBucket {
  /** Open time of the resampled bar (epoch ms). */
  time: number;
  /** How many source bars of the bucket were absent. */
  missing: number;
}

export interface ResampleOptions {
  /**
   * The current time (epoch ms). The last bucket is emitted when all its source bars are present or,
   * when `nowMs` is given, when its end is at or before `nowMs` (closed, though possibly incomplete).
   */
  nowMs?: number;
}

export interface ResampledSeries {
  series: CandleSeries;
  /** Emitted buckets with missing source bars, in time order. They are emitted, never padded. */
  incomplete: IncompleteBucket[];
  /** Open time of a trailing bucket held back because it may still be in progress; null if none. */
  pendingTime: number | null;
}

export interface ResampledCandles {
  candles: Candle[];
  incomplete: IncompleteBucket[];
  pendingTime: number | null;
}

/** How many `from` bars make one `to` bar; refuses pairs that do not nest. */
function barsPerBucket(from: Timeframe, to: Timeframe): number {
  const ratio = timeframeMs(to) / timeframeMs(from);
  if (!Number.isInteger(ratio) || ratio < 1) {
    throw new ResampleError(`Cannot resample ${from} bars into ${to} bars: ${to} must be a whole multiple of ${from}`);
  }
  return ratio;
}

/** Checks order and alignment of the source and counts the buckets it spans (to size the output exactly). */
function countBuckets(source: CandleSeries, to: Timeframe): number {
  const from = source.timeframe;
  let buckets = 0;
  let previousTime = Number.NEGATIVE_INFINITY;
  let previousBucket = Number.NaN;
  const fromBucket = bucketStarter(from);
  const toBucket = bucketStarter(to);
  for (let i = 0; i < source.length; i++) {
    const t = source.time[i] ?? Number.NaN;
    if (!(t > previousTime)) {
      throw new ResampleError(`Cannot resample: bar ${i} (${describeTime(t)}) is not after the bar before it`);
    }
    if (fromBucket(t) !== t) {
      throw new ResampleError(`Cannot resample: bar ${i} (${describeTime(t)}) is not aligned to ${from} bars`);
    }
    previousTime = t;
    const bucket = toBucket(t);
    if (bucket !== previousBucket) buckets++;
    previousBucket = bucket;
  }
  return buckets;
}


/**
 * Aggregates a series into a coarser timeframe: first open, highest high, lowest low, last close,
 * summed volume, buckets aligned with `bucketStart`. Buckets with no source bars are not emitted.
 * The source must be strictly increasing and aligned to its own timeframe (validate it first).
 */
export function resampleSeries(source: CandleSeries, to: Timeframe, options: ResampleOptions = {}): ResampledSeries {
  const from = source.timeframe;
  const expected = barsPerBucket(from, to);
  const toMs = timeframeMs(to);
  const n = source.length;
  const { time, open, high, low, close, volume } = source;
  const buckets = countBuckets(source, to);
  const out = {
    time: new Float64Array(buckets),
    open: new Float64Array(buckets),
    high: new Float64Array(buckets),
    low: new Float64Array(buckets),
    close: new Float64Array(buckets),
    volume: new Float64Array(buckets),
  };
  const counts = new Int32Array(buckets);
  let k = -1;
  let currentBucket = Number.NaN;
  const toBucket = bucketStarter(to);
  // Typed-array reads in range cannot be undefined; `?? NaN` only satisfies noUncheckedIndexedAccess.
  for (let i = 0; i < n; i++) {
    const bucket = toBucket(time[i] ?? Number.NaN);
    const h = high[i] ?? Number.NaN;
    const l = low[i] ?? Number.NaN;
    if (bucket !== currentBucket) {
      k++;
      currentBucket = bucket;
      out.time[k] = bucket;
      out.open[k] = open[i] ?? Number.NaN;
      out.high[k] = h;
      out.low[k] = l;
    } else {
      if (h > (out.high[k] ?? h)) out.high[k] = h;
      if (l < (out.low[k] ?? l)) out.low[k] = l;
    }
    out.close[k] = close[i] ?? Number.NaN;
    out.volume[k] = (out.volume[k] ?? 0) + (volume[i] ?? 0);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  let length = k + 1;
  let pendingTime: number | null = null;
  if (length > 0) {
    const lastTime = out.time[length - 1] ?? 0;
    const lastComplete = counts[length - 1] === expected;
    const closedByClock = options.nowMs !== undefined && lastTime + toMs <= options.nowMs;
    if (!lastComplete && !closedByClock) {
      pendingTime = lastTime;
      length--;
    }
  }
  const incomplete: IncompleteBucket[] = [];
  for (let j = 0; j < length; j++) {
    const count = counts[j] ?? 0;
    if (count < expected) incomplete.push({ time: out.time[j] ?? 0, missing: expected - count });
  }
  const series: CandleSeries = {
    symbol: source.symbol,
    timeframe: to,
    length,
    time: out.time.subarray(0, length),
    open: out.open.subarray(0, length),
    high: out.high.subarray(0, length),
    low: out.low.subarray(0, length),
    close: out.close.subarray(0, length),
    volume: out.volume.subarray(0, length),
  };
  return { series, incomplete, pendingTime };
}

/** `resampleSeries` for candle objects; see there for the bucket and last-bar rules. */
export function resampleCandles(
  candles: readonly Candle[],
  from: Timeframe,
  to: Timeframe,
  options: ResampleOptions = {},
): ResampledCandles {
  const { series, incomplete, pendingTime } = resampleSeries(toCandleSeries("", from, candles), to, options);
  const out: Candle[] = new Array<Candle>(series.length);
  for (let i = 0; i < series.length; i++) {
    out[i] = {
      time: series.time[i] ?? 0,
      open: series.open[i] ?? 0,
      high: series.high[i] ?? 0,
      low: series.low[i] ?? 0,
      close: series.close[i] ?? 0,
      volume: series.volume[i] ?? 0,
    };
  }
  return { candles: out, incomplete, pendingTime };
}
