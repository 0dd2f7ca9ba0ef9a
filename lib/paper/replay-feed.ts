import type { Candle } from "../market/candle";
import type { CandleSeries } from "../market/series";
import { type Timeframe, timeframeMs } from "../market/timeframe";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import type { ClosedBar, FundingPoint, MarketTick } from "./types";

export interface ReplayOptions {
  /** Only ticks closing strictly after this time (resume after a snapshot's clock). */
  readonly after?: number;
  /** Only these timeframes (default: every stored series, 1m included). */
  readonly timeframes?: readonly Timeframe[];
  /** Mark each series' last bar `final` (end of data, as the backtest closes positions at it). Default false. */
  readonly endOfData?: boolean;
}

interface Cursor {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly series: CandleSeries;
  readonly ms: number;
  k: number;
}

const barAt = (s: CandleSeries, k: number): Candle => ({
  time: s.time[k] ?? NaN,
  open: s.open[k] ?? NaN,
  high: s.high[k] ?? NaN,
  low: s.low[k] ?? NaN,
  close: s.close[k] ?? NaN,
  volume: s.volume[k] ?? NaN,
});

/**
 * Stored market data as the closed-bar ticks a live feed would have produced: every bar of every series grouped by
 * CLOSE time, ascending; inside a tick, bars by symbol then timeframe (the engine orders its own work by leg id, as
 * runPortfolio, so this order does not matter). Each funding rate rides on the first tick closing at or after it.
 * Deterministic and lazy.
 */
export function* replayTicks(bundles: readonly MarketBundle[], options: ReplayOptions = {}): Generator<MarketTick> {
  const after = options.after ?? -Infinity;
  const wanted = options.timeframes ? new Set(options.timeframes) : null;
  const ordered = [...bundles].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  const cursors: Cursor[] = [];
  for (const bundle of ordered) {
    const tfs = (Object.keys(bundle.series) as Timeframe[]).sort((a, b) => timeframeMs(a) - timeframeMs(b));
    for (const tf of tfs) {
      const series = bundle.series[tf];
      if (!series || series.length === 0 || (wanted && !wanted.has(tf))) continue;
      const ms = timeframeMs(tf);
      let k = 0;
      while (k < series.length && (series.time[k] ?? Infinity) + ms <= after) k++;
      cursors.push({ symbol: bundle.symbol, timeframe: tf, series, ms, k });
    }
  }
  const funding = ordered.map((b) => {
    let k = 0;
    while (k < b.funding.length && (b.funding.time[k] ?? Infinity) <= after) k++;
    return { bundle: b, k };
  });

  for (;;) {
    let closeTime = Infinity;
    for (const c of cursors) {
      if (c.k < c.series.length) closeTime = Math.min(closeTime, (c.series.time[c.k] ?? Infinity) + c.ms);
    }
    if (closeTime === Infinity) return;
    const bars: ClosedBar[] = [];
    for (const c of cursors) {
      if (c.k >= c.series.length || (c.series.time[c.k] ?? Infinity) + c.ms !== closeTime) continue;
      const final = options.endOfData === true && c.k === c.series.length - 1;
      bars.push({ symbol: c.symbol, timeframe: c.timeframe, bar: barAt(c.series, c.k), ...(final ? { final } : {}) });
      c.k++;
    }
    const rates: FundingPoint[] = [];
    for (const f of funding) {
      const s = f.bundle.funding;
      while (f.k < s.length && (s.time[f.k] ?? Infinity) <= closeTime) {
        rates.push({ symbol: f.bundle.symbol, time: s.time[f.k] ?? NaN, rate: s.rate[f.k] ?? NaN });
        f.k++;
      }
    }
    yield rates.length > 0 ? { closeTime, bars, funding: rates } : { closeTime, bars };
  }
}

export interface AsyncReplayOptions extends ReplayOptions {
  /** Pause between ticks (ms); 0 or absent = as fast as possible (still yielding to the event loop). */
  readonly delayMs?: number;
  readonly signal?: AbortSignal;
}

/** `replayTicks` paced for a UI: an async iterator that waits `delayMs` between ticks and stops on abort. */
export async function* replayTicksAsync(bundles: readonly MarketBundle[], options: AsyncReplayOptions = {}): AsyncGenerator<MarketTick> {
  const delay = options.delayMs ?? 0;
  for (const tick of replayTicks(bundles, options)) {
    if (options.signal?.aborted) return;
    yield tick;
    // setImmediate when unpaced: still lets other work run, without setTimeout's ~1 ms floor per tick.
    await new Promise<void>((resolve) => (delay > 0 ? setTimeout(resolve, delay) : setImmediate(resolve)));
  }
}
