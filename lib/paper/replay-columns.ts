import type { RegimeSettings } from "../backtest/regime";
import type { LegInput } from "../backtest/types";
import { type Timeframe, timeframeMs } from "../market/timeframe";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { ResearchCache } from "../hypothesis-runs/research-cache";
import type { CandleBuffer, FundingBuffer } from "./buffers";
import type { PaperLegConfig } from "./types";
import { paperLegInput } from "./paper-leg-input";

/**
 * One symbol's replay data (PaperConfig.replayData): each leg built once on the whole stored series. While everything
 * fed for the symbol equals the stored data from its first bar, the built columns up to now are exactly the per-bar
 * ones, so a replay need not re-evaluate signals at every bar.
 */
export class StoredSymbol {
  private readonly cache: ResearchCache;
  private readonly legs = new Map<string, LegInput>();
  /** Bars (per timeframe) and funding rates already checked against the stored data. */
  private readonly checked = new Map<Timeframe, number>();
  private checkedFunding = 0;

  constructor(
    private readonly bundle: MarketBundle,
    regime: RegimeSettings,
  ) {
    this.cache = new ResearchCache(regime);
  }

  /**
   * Whether the bars and rates fed so far equal the stored ones at the same index, with no stored bar or rate known
   * by `now` left unfed; only what was fed since the last call is compared.
   */
  matches(series: ReadonlyMap<Timeframe, CandleBuffer>, funding: FundingBuffer, now: number): boolean {
    for (const [tf, buf] of series) {
      const s = this.bundle.series[tf];
      const view = buf.view();
      let k = this.checked.get(tf) ?? 0;
      if (k < view.length && (!s || s.length < view.length)) return false;
      for (; k < view.length; k++) {
        if (
          view.time[k] !== s?.time[k] ||
          view.open[k] !== s?.open[k] ||
          view.high[k] !== s?.high[k] ||
          view.low[k] !== s?.low[k] ||
          view.close[k] !== s?.close[k] ||
          view.volume[k] !== s?.volume[k]
        ) {
          return false;
        }
      }
      this.checked.set(tf, k);
      if (s && (s.time[view.length] ?? Infinity) + timeframeMs(tf) <= now) return false;
    }
    const f = funding.view();
    const sf = this.bundle.funding;
    for (let k = this.checkedFunding; k < f.length; k++) {
      if (f.time[k] !== sf.time[k] || f.rate[k] !== sf.rate[k]) return false;
    }
    this.checkedFunding = f.length;
    return (sf.time[f.length] ?? Infinity) > now;
  }

  /** The leg built on the stored data (once per leg; legs of the symbol share one indicator cache). */
  leg(config: PaperLegConfig): LegInput {
    let built = this.legs.get(config.id);
    if (!built) {
      built = paperLegInput(config, this.bundle, this.cache);
      this.legs.set(config.id, built);
    }
    return built;
  }
}
