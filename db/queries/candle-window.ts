import { MAX_WINDOW_BARS, type CandleWindowJson } from "@/lib/contract/market";
import type { CandleSeries } from "@/lib/market/series";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { chartWarmupBars, type ChartIndicatorPlan, type ChartSeriesPlan } from "@/lib/signals/chart-indicators";
import { operandValues } from "@/lib/signals/compile-rule";
import { IndicatorCache } from "@/lib/signals/indicator-cache";
import { closedBarIndex } from "@/lib/signals/timeframe-alignment";
import type { Database } from "../client";
import { loadCandleSeries } from "./candles";

/** A series of `timeframe` from `warmup` of its bars before `fromMs` (a gap in the data shortens the warm-up). */
const loadWithWarmup = (db: Database, symbol: string, timeframe: Timeframe, fromMs: number, toMs: number, warmup: number) =>
  loadCandleSeries(db, symbol, timeframe, { fromMs: fromMs - Math.ceil(warmup * 1.1 + 2) * timeframeMs(timeframe), toMs });

/** One plan series on `series`, by the rule engine's own code; a constant (a number operand) fills the column. */
function valuesOn(s: ChartSeriesPlan, series: CandleSeries, cache: IndicatorCache): Float64Array {
  const values = operandValues(s.operand, series, { base: series, higher: {}, cache });
  return typeof values === "number" ? new Float64Array(series.length).fill(values) : values;
}

/**
 * Candles of [fromMs, toMs] (cut at MAX_WINDOW_BARS) with the plan's indicators computed by the rule engine's own code
 * on the window plus a warm-up before it, so the drawn values are what the backtest compared. A series of another
 * timeframe is computed on that timeframe's candles and shown, bar by bar, as of its last closed bar, as rules read it.
 */
export async function loadCandleWindow(db: Database, symbol: string, timeframe: Timeframe, fromMs: number, toMs: number, plan: ChartIndicatorPlan): Promise<CandleWindowJson> {
  const barMs = timeframeMs(timeframe);
  const truncated = (toMs - fromMs) / barMs >= MAX_WINDOW_BARS;
  const to = truncated ? fromMs + (MAX_WINDOW_BARS - 1) * barMs : toMs;
  const on = (tf: Timeframe) => plan.series.filter((s) => (s.timeframe ?? timeframe) === tf);
  const series = await loadWithWarmup(db, symbol, timeframe, fromMs, to, chartWarmupBars(on(timeframe)));
  const others = new Map<Timeframe, { series: CandleSeries; index: Int32Array }>();
  for (const tf of new Set(plan.series.flatMap((s) => (s.timeframe && s.timeframe !== timeframe ? [s.timeframe] : [])))) {
    const other = await loadWithWarmup(db, symbol, tf, fromMs, to, chartWarmupBars(on(tf)));
    others.set(tf, { series: other, index: closedBarIndex(series, other) });
  }
  const cache = new IndicatorCache();
  const columnOf = (s: ChartSeriesPlan): Float64Array => {
    const other = s.timeframe ? others.get(s.timeframe) : undefined;
    if (!other) return valuesOn(s, series, cache);
    const values = valuesOn(s, other.series, cache);
    return Float64Array.from(other.index, (j) => (j >= 0 ? (values[j] ?? Number.NaN) : Number.NaN));
  };
  let first = 0;
  while (first < series.length && (series.time[first] ?? Infinity) < fromMs) first++;
  const cut = (a: Float64Array) => Array.from(a.subarray(first));
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
    overlays: plan.series.map((s) => ({ label: s.label, pane: s.pane, style: s.style, values: cut(columnOf(s)).map((v) => (Number.isFinite(v) ? v : null)) })),
    thresholds: [...plan.thresholds],
  };
}
