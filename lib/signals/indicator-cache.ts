import type { CandleSeries } from "@/lib/market/series";
import type { IndicatorDefinition } from "./indicator-registry";

/**
 * Memoises per-series columns (indicators, averages, alignment maps) so hypotheses sharing RSI(14) compute it once.
 * The series identity includes length and first/last open time, so a truncated series never reads a cached
 * column computed on longer data (that would be look-ahead).
 */
export class IndicatorCache {
  private readonly outputs = new Map<string, Readonly<Record<string, Float64Array>>>();
  private readonly columns = new Map<string, Float64Array>();
  private readonly indexMaps = new Map<string, Int32Array>();
  private readonly counts = new Map<string, number>();

  static seriesKey(series: CandleSeries): string {
    const last = series.length > 0 ? series.time[series.length - 1] : Number.NaN;
    return `${series.symbol}|${series.timeframe}|${series.length}|${series.time[0] ?? Number.NaN}|${last}`;
  }

  /** All outputs of a registry indicator on `series`, computed at most once per (series, name, params). */
  indicator(series: CandleSeries, def: IndicatorDefinition, params: readonly number[]): Readonly<Record<string, Float64Array>> {
    const label = `${def.name}(${params.join(",")})`;
    const key = `${IndicatorCache.seriesKey(series)}#${label}`;
    const hit = this.outputs.get(key);
    if (hit) return hit;
    this.count(label);
    const computed = def.compute(series, params);
    this.outputs.set(key, computed);
    return computed;
  }

  /** A derived column (average, multiple, funding alignment) keyed by its canonical label. */
  column(series: CandleSeries, label: string, compute: () => Float64Array): Float64Array {
    const key = `${IndicatorCache.seriesKey(series)}#${label}`;
    const hit = this.columns.get(key);
    if (hit) return hit;
    this.count(label);
    const computed = compute();
    this.columns.set(key, computed);
    return computed;
  }

  /** A bar-index map from `series` to another series (see timeframe-alignment). */
  indexMap(series: CandleSeries, label: string, compute: () => Int32Array): Int32Array {
    const key = `${IndicatorCache.seriesKey(series)}#${label}`;
    const hit = this.indexMaps.get(key);
    if (hit) return hit;
    const computed = compute();
    this.indexMaps.set(key, computed);
    return computed;
  }

  /** How many times `label` (e.g. `RSI(14)`) was computed, over all series; without a label, all computations. */
  computations(label?: string): number {
    if (label !== undefined) return this.counts.get(label) ?? 0;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  private count(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }
}
