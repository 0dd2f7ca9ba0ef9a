import type { CandleSeries } from "@/lib/market/series";
import type { IndicatorDefinition } from "./indicator-registry";

/** What a cache keys a series on; see IndicatorCache's constructor. */
export type SeriesIdentity = (series: CandleSeries) => string;

/**
 * Memoises per-series columns (indicators, averages, condition masks, alignment maps) so hypotheses sharing RSI(14)
 * compute it once. The series identity includes its length, so a truncated series never reads a cached column
 * computed on longer data (that would be look-ahead).
 */
export class IndicatorCache {
  private readonly outputs = new Map<string, Readonly<Record<string, Float64Array>>>();
  private readonly columns = new Map<string, Float64Array>();
  private readonly indexMaps = new Map<string, Int32Array>();
  private readonly masks = new Map<string, Uint8Array>();
  private readonly counts = new Map<string, number>();
  private stored = 0;

  /** Symbol, timeframe, length, first and last open time: tells apart the series one run is given. */
  static seriesKey(series: CandleSeries): string {
    const last = series.length > 0 ? series.time[series.length - 1] : Number.NaN;
    return `${series.symbol}|${series.timeframe}|${series.length}|${series.time[0] ?? Number.NaN}|${last}`;
  }

  /**
   * `identify` tells series apart. The default suits series fixed for the cache's life; a cache that outlives them
   * and sees other data under the same names (shared by the tasks of a worker thread) keys on content instead.
   */
  constructor(private readonly identify: SeriesIdentity = IndicatorCache.seriesKey) {}

  /** The key `series` is cached under; other series a column depends on go into its label with it. */
  keyOf(series: CandleSeries): string {
    return this.identify(series);
  }

  /** Bytes of every array held, so an owner can bound the memory. */
  get bytes(): number {
    return this.stored;
  }

  /** All outputs of a registry indicator on `series`, computed at most once per (series, name, params). */
  indicator(series: CandleSeries, def: IndicatorDefinition, params: readonly number[]): Readonly<Record<string, Float64Array>> {
    const label = `${def.name}(${params.join(",")})`;
    return this.memo(this.outputs, series, label, () => {
      this.count(label);
      const computed = def.compute(series, params);
      for (const column of Object.values(computed)) this.stored += column.byteLength;
      return computed;
    });
  }

  /** A derived column (average, multiple, funding alignment) keyed by its canonical label. */
  column(series: CandleSeries, label: string, compute: () => Float64Array): Float64Array {
    return this.memo(this.columns, series, label, () => {
      this.count(label);
      return this.held(compute());
    });
  }

  /**
   * The 0/1 mask of a condition on `series`, keyed by its canonical text and every other series it reads, so
   * hypotheses sharing `Close > Open` or a higher-timeframe filter evaluate it once. Callers must not write to it.
   */
  mask(series: CandleSeries, label: string, compute: () => Uint8Array): Uint8Array {
    return this.memo(this.masks, series, label, () => this.held(compute()));
  }

  /** A bar-index map from `series` to another series (see timeframe-alignment). */
  indexMap(series: CandleSeries, label: string, compute: () => Int32Array): Int32Array {
    return this.memo(this.indexMaps, series, label, () => this.held(compute()));
  }

  /** How many times `label` (e.g. `RSI(14)`) was computed, over all series; without a label, all computations. */
  computations(label?: string): number {
    if (label !== undefined) return this.counts.get(label) ?? 0;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  private memo<T>(map: Map<string, T>, series: CandleSeries, label: string, compute: () => T): T {
    const key = `${this.identify(series)}#${label}`;
    const hit = map.get(key);
    if (hit !== undefined) return hit;
    const computed = compute();
    map.set(key, computed);
    return computed;
  }

  private held<T extends ArrayBufferView>(array: T): T {
    this.stored += array.byteLength;
    return array;
  }

  private count(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }
}
