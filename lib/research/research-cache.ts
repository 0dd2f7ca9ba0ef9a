import { classifyRegimes } from "@/lib/backtest/regime";
import type { AppConfig } from "@/lib/config-schema";
import type { CandleSeries } from "@/lib/market/series";
import { IndicatorCache } from "@/lib/signals/indicator-cache";

/**
 * Per-instrument caches shared by every hypothesis run on it: indicators (50 hypotheses sharing RSI(14) compute it
 * once) and the regime of each bar.
 */
export class ResearchCache {
  readonly indicators = new IndicatorCache();
  private readonly regimes = new Map<CandleSeries, Uint8Array>();

  constructor(private readonly regimeSettings: AppConfig["regime"]) {}

  regimesOf(series: CandleSeries): Uint8Array {
    let codes = this.regimes.get(series);
    if (!codes) {
      codes = classifyRegimes(series, this.regimeSettings);
      this.regimes.set(series, codes);
    }
    return codes;
  }
}
