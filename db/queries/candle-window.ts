import { MAX_WINDOW_BARS, type CandleWindowJson } from "@/lib/contract/market";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { IndicatorCache } from "@/lib/signals/indicator-cache";
import { findIndicator } from "@/lib/signals/indicator-registry";
import { formatOverlaySpec, type OverlaySpec } from "@/lib/signals/overlay-specs";
import type { Database } from "../client";
import { loadCandleSeries } from "./candles";

/**
 * Candles of [fromMs, toMs] (cut at MAX_WINDOW_BARS) with overlays computed on the window plus each indicator's
 * warm-up before it, so the first visible values equal what the backtest saw (a gap in the data shortens the warm-up).
 */
export async function loadCandleWindow(db: Database, symbol: string, timeframe: Timeframe, fromMs: number, toMs: number, specs: readonly OverlaySpec[]): Promise<CandleWindowJson> {
  const barMs = timeframeMs(timeframe);
  const truncated = (toMs - fromMs) / barMs >= MAX_WINDOW_BARS;
  const to = truncated ? fromMs + (MAX_WINDOW_BARS - 1) * barMs : toMs;
  const defs = specs.flatMap((s) => {
    const def = findIndicator(s.name);
    return def ? [{ spec: s, def }] : [];
  });
  const warmupBars = Math.max(0, ...defs.map(({ spec, def }) => Math.max(...def.outputs.map((o) => def.warmup(spec.params, o)))));
  const series = await loadCandleSeries(db, symbol, timeframe, { fromMs: fromMs - Math.ceil(warmupBars * 1.1 + 2) * barMs, toMs: to });
  let first = 0;
  while (first < series.length && (series.time[first] ?? Infinity) < fromMs) first++;
  const cut = (a: Float64Array) => Array.from(a.subarray(first));
  const cache = new IndicatorCache();
  const overlays: CandleWindowJson["overlays"] = [];
  for (const { spec, def } of defs) {
    const outputs = cache.indicator(series, def, spec.params);
    // Bands draw as three lines; the width output is a ratio, not a price.
    const names = def.name === "BB" ? ["upper", "middle", "lower"] : [def.outputs[0]];
    for (const name of names) {
      const column = outputs[name];
      if (!column) continue;
      overlays.push({ label: names.length > 1 ? `${formatOverlaySpec(spec)}.${name}` : formatOverlaySpec(spec), values: cut(column).map((v) => (Number.isFinite(v) ? v : null)) });
    }
  }
  return {
    symbol,
    timeframe,
    from: fromMs,
    to,
    truncated,
    time: cut(series.time),
    open: cut(series.open),
    high: cut(series.high),
    low: cut(series.low),
    close: cut(series.close),
    volume: cut(series.volume),
    overlays,
  };
}
