import { classifyRegimes } from "@/lib/backtest/regime";
import type { AppConfig } from "@/lib/config-schema";
import type { CandleSeries } from "@/lib/market/series";
import { seriesFingerprint } from "@/lib/market/series-fingerprint";
import { IndicatorCache } from "@/lib/signals/indicator-cache";

type RegimeSettings = AppConfig["regime"];

/**
 * What a worker thread keeps between tasks before starting afresh: a full pipeline's columns, masks and regimes for
 * three instruments come to about 100 MB.
 */
const THREAD_CACHE_BYTES = 192 * 2 ** 20;

/** The thread's shared store (see ResearchCache.forThread); each worker thread has its own module state. */
let threadStore: { indicators: IndicatorCache; regimes: Map<string, Uint8Array> } | undefined;

/**
 * Per-instrument caches shared by every hypothesis run on it: indicators (50 hypotheses sharing RSI(14) compute it
 * once), condition masks and the regime of each bar. A new one is private to its caller; forThread gives the thread's.
 */
export class ResearchCache {
  constructor(
    private readonly regimeSettings: RegimeSettings,
    readonly indicators = new IndicatorCache(),
    private readonly regimes = new Map<string, Uint8Array>(),
  ) {}

  /**
   * The cache of this worker thread, shared by every task and job it runs: an instrument's 2m, 5m and 15m tasks read
   * the same 30m filter columns, and the next backtest on the same data (a worker lives for many jobs) reads what
   * the last one computed — each indicator, mask and regime of a series once. Tasks arrive with their own copies of
   * the series, so it keys on content (seriesFingerprint). Past THREAD_CACHE_BYTES it starts empty again, so a
   * long-lived worker does not grow forever.
   */
  static forThread(regimeSettings: RegimeSettings): ResearchCache {
    if (!threadStore || threadStore.indicators.bytes > THREAD_CACHE_BYTES) {
      threadStore = { indicators: new IndicatorCache(seriesFingerprint), regimes: new Map() };
    }
    return new ResearchCache(regimeSettings, threadStore.indicators, threadStore.regimes);
  }

  regimesOf(series: CandleSeries): Uint8Array {
    const key = `${this.indicators.keyOf(series)}#${JSON.stringify(this.regimeSettings)}`;
    let codes = this.regimes.get(key);
    if (!codes) {
      codes = classifyRegimes(series, this.regimeSettings);
      this.regimes.set(key, codes);
    }
    return codes;
  }
}
