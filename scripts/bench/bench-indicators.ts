import { configSchema } from "@/lib/config-schema";
import type { CandleSeries } from "@/lib/market/series";
import { TRADING_TIMEFRAMES, type Timeframe } from "@/lib/market/timeframe";
import { compileRule, type SignalContext } from "@/lib/signals/compile-rule";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { IndicatorCache } from "@/lib/signals/indicator-cache";
import { INDICATORS } from "@/lib/signals/indicator-registry";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { randomFundingSeries } from "@/lib/market/testing/random-funding-series";
import { resampleUnchecked } from "@/lib/market/testing/resample-unchecked";

const BARS = 131_400;
const TIMEFRAMES: readonly Timeframe[] = TRADING_TIMEFRAMES;

/**
 * Time to compute every indicator the full discovery catalog needs on ~6 months of 2m candles for one instrument
 * (random walk), with 5m/15m/30m resampled from it.
 */
export function benchIndicators(log: (line: string) => void): { coldMs: number; warmMs: number } {
  const twoMinute = randomWalkSeries("BTCUSDT.P", "2m", BARS, 1);
  const series: Record<string, CandleSeries> = { "2m": twoMinute };
  for (const tf of TIMEFRAMES.slice(1)) series[tf] = resampleUnchecked(twoMinute, tf);
  const funding = randomFundingSeries("BTCUSDT.P", twoMinute.time[0] ?? 0, (twoMinute.time[BARS - 1] ?? 0) + 120_000, 2);
  const hypotheses = discoverHypotheses(configSchema.parse({}));
  const rules = hypotheses.map((h) => ({ tf: h.timeframe, rule: compileRule(h.entryConditions) }));

  function run(cache: IndicatorCache): number {
    const started = performance.now();
    for (const { tf, rule } of rules) {
      const base = series[tf];
      if (!base) throw new Error(`no ${tf}`);
      const higher = Object.fromEntries(TIMEFRAMES.filter((t) => t !== tf).map((t) => [t, series[t]]));
      const ctx: SignalContext = { base, higher, funding, cache };
      rule.evaluate(ctx);
    }
    return performance.now() - started;
  }

  const cache = new IndicatorCache();
  const cold = run(cache);
  const warm = run(cache);
  log(`bars: ${Object.entries(series).map(([tf, s]) => `${tf}=${s.length}`).join(" ")}; hypotheses: ${hypotheses.length}`);
  log(`cold (compute every indicator, derived column and condition mask once, then AND them): ${cold.toFixed(0)} ms; ${cache.computations()} columns computed`);
  log(`warm (all cached: each rule's AND of its condition masks only): ${warm.toFixed(0)} ms`);
  log(`≈ indicator and comparison time: ${(cold - warm).toFixed(0)} ms`);
  for (const def of INDICATORS) {
    const params = def.params.map((p) => p.default);
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      def.compute(twoMinute, params);
      best = Math.min(best, performance.now() - t0);
    }
    log(`  ${def.name}(${params.join(",")}) on ${BARS} 2m bars: ${best.toFixed(1)} ms (best of 5)`);
  }
  return { coldMs: cold, warmMs: warm };
}
