import { MAX_WINDOW_BARS, type CandleWindowJson } from "@/lib/contract/market";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { chartWarmupBars, type ChartIndicatorPlan } from "@/lib/signals/chart-indicators";
import { operandValues } from "@/lib/signals/compile-rule";
import { IndicatorCache } from "@/lib/signals/indicator-cache";
import type { Database } from "../client";
import { loadCandleSeries } from "./candles";

/**
 * Candles of [fromMs, toMs] (cut at MAX_WINDOW_BARS) with the plan's indicators computed by the rule engine's own code
 * on the window plus a warm-up before it, so the drawn values are what the backtest compared (a gap in the data
 * shortens the warm-up).
 */
export async function loadCandleWindow(db: Database, symbol: string, timeframe: Timeframe, fromMs: number, toMs: number, plan: ChartIndicatorPlan): Promise<CandleWindowJson> {
  const barMs = timeframeMs(timeframe);
  const truncated = (toMs - fromMs) / barMs >= MAX_WINDOW_BARS;
  const to = truncated ? fromMs + (MAX_WINDOW_BARS - 1) * barMs : toMs;
  const warmupBars = chartWarmupBars(plan);
  const series = await loadCandleSeries(db, symbol, timeframe, { fromMs: fromMs - Math.ceil(warmupBars * 1.1 + 2) * barMs, toMs: to });
  let first = 0;
  while (first < series.length && (series.time[first] ?? Infinity) < fromMs) first++;
  const cut = (a: Float64Array) => Array.from(a.subarray(first));
  const ctx = { base: series, higher: {}, cache: new IndicatorCache() };
  const overlays = plan.series.map((s) => {
    const values = operandValues(s.operand, series, ctx);
    const column = typeof values === "number" ? new Float64Array(series.length).fill(values) : values;
    return { label: s.label, pane: s.pane, style: s.style, values: cut(column).map((v) => (Number.isFinite(v) ? v : null)) };
  });
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
    thresholds: [...plan.thresholds],
  };
}
