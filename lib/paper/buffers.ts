import type { Candle } from "../market/candle";
import type { CandleSeries, FundingSeries } from "../market/series";
import type { Timeframe } from "../market/timeframe";

const INITIAL_CAPACITY = 256;

function grow<T extends Float64Array | Uint8Array>(arr: T, capacity: number): T {
  const next = new (arr.constructor as new (n: number) => T)(capacity);
  next.set(arr);
  return next;
}

/**
 * A candle series that grows one closed bar at a time (amortised O(1) appends). `view()` is a CandleSeries over the
 * bars so far (subarrays, no copy), rebuilt only after an append, so everything downstream reads exactly what a
 * backtest on the truncated series would read.
 */
export class CandleBuffer {
  length = 0;
  private time = new Float64Array(INITIAL_CAPACITY);
  private open = new Float64Array(INITIAL_CAPACITY);
  private high = new Float64Array(INITIAL_CAPACITY);
  private low = new Float64Array(INITIAL_CAPACITY);
  private close = new Float64Array(INITIAL_CAPACITY);
  private volume = new Float64Array(INITIAL_CAPACITY);
  private cached: CandleSeries | null = null;

  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
  ) {}

  /** Open time of the last bar, or -Infinity when empty. */
  get lastTime(): number {
    return this.length > 0 ? (this.time[this.length - 1] ?? -Infinity) : -Infinity;
  }

  get firstTime(): number | null {
    return this.length > 0 ? (this.time[0] ?? null) : null;
  }

  append(bar: Candle): void {
    if (this.length === this.time.length) {
      const cap = this.time.length * 2;
      this.time = grow(this.time, cap);
      this.open = grow(this.open, cap);
      this.high = grow(this.high, cap);
      this.low = grow(this.low, cap);
      this.close = grow(this.close, cap);
      this.volume = grow(this.volume, cap);
    }
    const i = this.length;
    this.time[i] = bar.time;
    this.open[i] = bar.open;
    this.high[i] = bar.high;
    this.low[i] = bar.low;
    this.close[i] = bar.close;
    this.volume[i] = bar.volume;
    this.length++;
    this.cached = null;
  }

  /** Appends bars [from, to) of a stored series. */
  appendFrom(series: CandleSeries, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.append({
        time: series.time[i] ?? NaN,
        open: series.open[i] ?? NaN,
        high: series.high[i] ?? NaN,
        low: series.low[i] ?? NaN,
        close: series.close[i] ?? NaN,
        volume: series.volume[i] ?? NaN,
      });
    }
  }

  view(): CandleSeries {
    if (this.cached) return this.cached;
    const n = this.length;
    this.cached = {
      symbol: this.symbol,
      timeframe: this.timeframe,
      length: n,
      time: this.time.subarray(0, n),
      open: this.open.subarray(0, n),
      high: this.high.subarray(0, n),
      low: this.low.subarray(0, n),
      close: this.close.subarray(0, n),
      volume: this.volume.subarray(0, n),
    };
    return this.cached;
  }
}

/** Funding rates as they become known, ascending by time. */
export class FundingBuffer {
  length = 0;
  private time = new Float64Array(64);
  private rate = new Float64Array(64);
  private cached: FundingSeries | null = null;

  constructor(readonly symbol: string) {}

  get lastTime(): number {
    return this.length > 0 ? (this.time[this.length - 1] ?? -Infinity) : -Infinity;
  }

  get firstTime(): number | null {
    return this.length > 0 ? (this.time[0] ?? null) : null;
  }

  /** Appends a rate newer than every known one; returns false (and ignores it) for an already-known time. */
  append(time: number, rate: number): boolean {
    if (!(time > this.lastTime)) return false;
    if (this.length === this.time.length) {
      this.time = grow(this.time, this.time.length * 2);
      this.rate = grow(this.rate, this.rate.length * 2);
    }
    this.time[this.length] = time;
    this.rate[this.length] = rate;
    this.length++;
    this.cached = null;
    return true;
  }

  view(): FundingSeries {
    if (this.cached) return this.cached;
    const n = this.length;
    this.cached = { symbol: this.symbol, length: n, time: this.time.subarray(0, n), rate: this.rate.subarray(0, n) };
    return this.cached;
  }
}

/** A per-bar column (signal, ATR, regime) grown alongside its series. */
export class ColumnBuffer<T extends Float64Array | Uint8Array> {
  length = 0;
  private data: T;
  private cached: T | null = null;

  constructor(make: (n: number) => T) {
    this.data = make(INITIAL_CAPACITY);
  }

  set(i: number, value: number): void {
    while (i >= this.data.length) this.data = grow(this.data, this.data.length * 2);
    this.data[i] = value;
    if (i >= this.length) this.length = i + 1;
    this.cached = null;
  }

  view(): T {
    if (this.cached) return this.cached;
    this.cached = this.data.subarray(0, this.length) as T;
    return this.cached;
  }
}
