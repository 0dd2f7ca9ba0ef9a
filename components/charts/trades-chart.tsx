"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type SeriesType,
  type Time,
} from "lightweight-charts";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { tradeNumber } from "@/components/backtests/trade-number";
import { lowerBound, upperBound } from "@/lib/backtest/search";
import { apiJson } from "@/lib/client/api-client";
import type { TradeJson } from "@/lib/contract/backtests";
import { candleWindowSchema, MAX_WINDOW_BARS, type CandleWindowJson } from "@/lib/contract/market";
import { formatNumber, formatPercent, formatPrice, formatUtcMinute } from "@/lib/format";
import { besideCrosshair, OhlcvLegend, TradeTooltip } from "./chart-hover";
import { CHART_COLORS, chartOptions, followTheme } from "./chart-theme";
import { barOpen, exitBarOpen, fromChartTime, toChartTime } from "./chart-time";
import { clampRange, indicatorPanes, tradesByBar, tradeView, windowAround, type Range } from "./trade-chart-view";
import { markersIn } from "./trade-markers";

const REFETCH_DEBOUNCE_MS = 250;
/** Heights in px: the price pane, and each indicator pane below it. */
const PRICE_PANE_PX = 440;
const INDICATOR_PANE_PX = 130;

declare global {
  interface Window {
    /** The run chart's lightweight-charts objects, so browser tests read what the chart draws from its own API. */
    __tradeChart?: { chart: IChartApi; candles: ISeriesApi<"Candlestick">; markers: ISeriesMarkersPluginApi<Time> };
  }
}

export interface TradeChartProps {
  symbol: string;
  timeframe: string;
  barMs: number;
  /** The run's tested period: windows never reach outside it. */
  bounds: Range;
  trades: readonly TradeJson[];
  /** The hypothesis's entry conditions: every indicator they read is drawn, oscillators in panes of their own. */
  rules: readonly string[];
  selected: TradeJson | null;
  /** A click on a bar with an entry or exit selects that trade (the next one on the bar when it holds several). */
  onSelect: (trade: TradeJson) => void;
}

interface Hover {
  index: number;
  time: number;
  x: number;
  y: number;
}

/**
 * A run's candles with every entry and exit in view as markers at their fill prices, volume, every indicator the
 * hypothesis reads (oscillators in panes below, with the rule's levels), a legend of the hovered bar, a tooltip naming
 * the trades on it and, for the selected trade, its entry, stop and target as price lines. Only a window around the
 * visible range is loaded (≤ 3000 bars); scrolling near its edge loads the next window (debounced), and selecting a
 * trade moves the view to it.
 */
export function TradeChart({ symbol, timeframe, barMs, bounds: boundsProp, trades, rules, selected, onSelect }: TradeChartProps) {
  // Effects depend on the period's values, not on the identity of the object the parent passed.
  const bounds = useMemo(() => ({ from: boundsProp.from, to: boundsProp.to }), [boundsProp.from, boundsProp.to]);
  const container = useRef<HTMLDivElement>(null);
  const countEl = useRef<HTMLSpanElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const candlesRef = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const volumeRef = useRef<ISeriesApi<"Histogram"> | null>(null);
  const indicatorsRef = useRef<{ signature: string; series: ISeriesApi<SeriesType>[]; levels: { series: ISeriesApi<SeriesType>; line: IPriceLine }[] }>({ signature: "", series: [], levels: [] });
  const markersRef = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const priceLinesRef = useRef<IPriceLine[]>([]);
  /** The view to show once the window holding it has loaded (initial view, a selected trade far away). */
  const pendingView = useRef<Range | null>(null);
  const loadedRef = useRef<Range | null>(null);
  const tradesRef = useRef(trades);
  const selectedRef = useRef<TradeJson | null>(selected);
  const dataRef = useRef<{ data: CandleWindowJson; times: Float64Array } | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [selectedInView, setSelectedInView] = useState(true);
  const [paneCount, setPaneCount] = useState(1);
  /** The bar the legend shows when the cursor is off the chart: the last one on screen. */
  const [lastVisibleIndex, setLastVisibleIndex] = useState(-1);

  const [win, setWin] = useState<Range>(() => {
    const first = selected ?? trades[0];
    const view = first ? tradeView(first, barMs, bounds) : clampRange({ from: bounds.from, to: bounds.from + 200 * barMs }, bounds);
    pendingView.current = view;
    return windowAround(view, barMs, bounds);
  });

  const ruleText = rules.join("\n");
  const query = useQuery({
    queryKey: ["candle-window", symbol, timeframe, win.from, win.to, ruleText],
    queryFn: ({ signal }) => {
      const search = new URLSearchParams({ symbol, timeframe, from: String(win.from), to: String(win.to) });
      if (ruleText) search.set("rules", ruleText);
      return apiJson(`/api/market/candles?${search}`, candleWindowSchema, { signal });
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const byBar = useMemo(() => tradesByBar(trades, barMs), [trades, barMs]);

  /** Redraws the markers for what is on screen and publishes the count and range for tests and screen readers. */
  const refreshMarkers = useCallback(() => {
    const chart = chartRef.current;
    const range = chart?.timeScale().getVisibleRange();
    if (!chart || !range || !markersRef.current) return;
    const visible = { from: fromChartTime(range.from), to: fromChartTime(range.to) };
    const sel = selectedRef.current;
    const list = markersIn(tradesRef.current, barMs, visible, sel?.seq ?? null);
    markersRef.current.setMarkers(list);
    setSelectedInView(!sel || (barOpen(sel.entryTime, barMs) <= visible.to && exitBarOpen(sel, barMs) >= visible.from));
    const times = dataRef.current?.times;
    if (times) setLastVisibleIndex(Math.min(times.length, upperBound(times, visible.to)) - 1);
    const el = countEl.current;
    if (el) {
      el.textContent = String(list.length);
      el.dataset.visibleFrom = String(visible.from);
      el.dataset.visibleTo = String(visible.to);
    }
  }, [barMs]);

  /** Moves the view onto a trade, loading the window around it first when it is not loaded. */
  const showTrade = useCallback(
    (t: TradeJson) => {
      const chart = chartRef.current;
      if (!chart) return;
      const view = tradeView(t, barMs, bounds);
      const loaded = loadedRef.current;
      if (loaded && view.from >= loaded.from && view.to <= loaded.to) {
        chart.timeScale().setVisibleRange({ from: toChartTime(view.from), to: toChartTime(view.to) });
        refreshMarkers();
      } else {
        pendingView.current = view;
        setWin(windowAround(view, barMs, bounds));
      }
    },
    [barMs, bounds, refreshMarkers],
  );

  // The chart lives as long as the series it shows.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createChart(el, chartOptions(PRICE_PANE_PX));
    const unfollowTheme = followTheme(chart);
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: CHART_COLORS.up,
      downColor: CHART_COLORS.down,
      wickUpColor: CHART_COLORS.up,
      wickDownColor: CHART_COLORS.down,
      borderVisible: false,
    });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.22 } });
    const volume = chart.addSeries(HistogramSeries, { priceScaleId: "volume", color: CHART_COLORS.volume, priceFormat: { type: "volume" }, lastValueVisible: false, priceLineVisible: false });
    volume.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
    const markers = createSeriesMarkers(candles, []);
    chartRef.current = chart;
    candlesRef.current = candles;
    volumeRef.current = volume;
    markersRef.current = markers;
    window.__tradeChart = { chart, candles, markers };
    const onCrosshair = (param: MouseEventParams<Time>) => {
      const loaded = dataRef.current;
      if (!loaded || param.time === undefined || !param.point) {
        setHover(null);
        return;
      }
      const time = fromChartTime(param.time);
      const index = lowerBound(loaded.times, time);
      setHover(loaded.times[index] === time ? { index, time, x: param.point.x, y: param.point.y } : null);
    };
    chart.subscribeCrosshairMove(onCrosshair);
    return () => {
      chart.unsubscribeCrosshairMove(onCrosshair);
      unfollowTheme();
      chart.remove();
      if (window.__tradeChart?.chart === chart) delete window.__tradeChart;
      chartRef.current = null;
      candlesRef.current = null;
      volumeRef.current = null;
      markersRef.current = null;
      indicatorsRef.current = { signature: "", series: [], levels: [] };
      priceLinesRef.current = [];
      loadedRef.current = null;
    };
  }, [symbol, timeframe]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const onClick = (param: MouseEventParams<Time>) => {
      const onBar = param.time === undefined ? undefined : byBar.get(fromChartTime(param.time));
      const pick = onBar?.find((t) => t.seq !== selected?.seq) ?? onBar?.[0];
      if (pick) onSelect(pick);
    };
    chart.subscribeClick(onClick);
    return () => chart.unsubscribeClick(onClick);
  }, [symbol, timeframe, byBar, selected, onSelect]);

  // Scrolling: markers follow at once; a new window is requested once the view settles near the loaded edge.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      refreshMarkers();
      clearTimeout(timer);
      timer = setTimeout(() => {
        const range = chart.timeScale().getVisibleRange();
        const loaded = loadedRef.current;
        if (!range || !loaded || pendingView.current) return;
        const view = { from: fromChartTime(range.from), to: fromChartTime(range.to) };
        const margin = (view.to - view.from) * 0.25;
        const nearStart = view.from - margin < loaded.from && loaded.from > bounds.from;
        const nearEnd = view.to + margin > loaded.to && loaded.to < bounds.to;
        if (nearStart || nearEnd) setWin(windowAround(view, barMs, bounds));
      }, REFETCH_DEBOUNCE_MS);
    };
    chart.timeScale().subscribeVisibleTimeRangeChange(onChange);
    return () => {
      clearTimeout(timer);
      chart.timeScale().unsubscribeVisibleTimeRangeChange(onChange);
    };
  }, [symbol, timeframe, barMs, bounds, refreshMarkers]);

  const data = query.data;
  useEffect(() => {
    const chart = chartRef.current;
    const candles = candlesRef.current;
    const volume = volumeRef.current;
    if (!data || !chart || !candles || !volume) return;
    dataRef.current = { data, times: Float64Array.from(data.time) };
    // Replacing the data shifts bar indexes; keep the view in time, not in bars.
    const before = chart.timeScale().getVisibleRange();
    candles.setData(data.time.map((t, i) => ({ time: toChartTime(t), open: data.open[i] ?? NaN, high: data.high[i] ?? NaN, low: data.low[i] ?? NaN, close: data.close[i] ?? NaN })));
    volume.setData(
      data.time.map((t, i) => ({ time: toChartTime(t), value: data.volume[i] ?? 0, color: (data.close[i] ?? 0) >= (data.open[i] ?? 0) ? "rgba(63, 185, 80, 0.35)" : "rgba(248, 81, 73, 0.35)" })),
    );
    const panes = indicatorPanes(data);
    const signature = JSON.stringify([data.overlays.map((o) => [o.label, o.pane, o.style]), data.thresholds]);
    const drawn = indicatorsRef.current;
    if (drawn.signature !== signature) {
      for (const { series, line } of drawn.levels) series.removePriceLine(line);
      for (const series of drawn.series) chart.removeSeries(series);
      const series = data.overlays.map((o, k): ISeriesApi<SeriesType> => {
        const paneIndex = o.pane === "price" || o.pane === "volume" ? 0 : 1 + panes.indexOf(o.pane);
        const color = CHART_COLORS.overlays[k % CHART_COLORS.overlays.length];
        // Oscillators show their last value on their own axis, titled; price overlays stay quiet over the candles.
        const common = { title: o.label, lastValueVisible: paneIndex > 0, priceLineVisible: false, priceScaleId: o.pane === "volume" ? "volume" : undefined };
        return o.style === "histogram"
          ? chart.addSeries(HistogramSeries, { ...common, color }, paneIndex)
          : chart.addSeries(LineSeries, { ...common, color, lineWidth: 1, crosshairMarkerVisible: false }, paneIndex);
      });
      const levels = data.thresholds.flatMap((th) => {
        const on = th.pane === "price" ? candles : th.pane === "volume" ? volume : series[data.overlays.findIndex((o) => o.pane === th.pane)];
        if (!on) return [];
        const line = on.createPriceLine({ price: th.value, color: CHART_COLORS.warn, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true, title: `rule ${formatNumber(th.value, 2)}` });
        return [{ series: on, line }];
      });
      indicatorsRef.current = { signature, series, levels };
      chart.panes().forEach((pane, i) => pane.setStretchFactor(i === 0 ? PRICE_PANE_PX : INDICATOR_PANE_PX));
      setPaneCount(1 + panes.length);
    }
    indicatorsRef.current.series.forEach((s, k) => {
      const o = data.overlays[k];
      if (!o) return;
      s.setData(
        data.time.map((t, i) => {
          const v = o.values[i];
          if (v === null || v === undefined) return { time: toChartTime(t) };
          return o.style === "histogram" ? { time: toChartTime(t), value: v, color: v >= 0 ? "rgba(63, 185, 80, 0.6)" : "rgba(248, 81, 73, 0.6)" } : { time: toChartTime(t), value: v };
        }),
      );
    });
    const first = data.time[0];
    const last = data.time[data.time.length - 1];
    loadedRef.current = first === undefined || last === undefined ? null : { from: first, to: last };
    const view = pendingView.current ?? (before ? { from: fromChartTime(before.from), to: fromChartTime(before.to) } : null);
    pendingView.current = null;
    if (view && first !== undefined) chart.timeScale().setVisibleRange({ from: toChartTime(view.from), to: toChartTime(view.to) });
    refreshMarkers();
  }, [data, refreshMarkers]);

  useEffect(() => {
    tradesRef.current = trades;
    refreshMarkers();
  }, [trades, refreshMarkers]);

  // The selected trade: price lines for entry, stop and target, and the view moved onto it.
  useEffect(() => {
    const candles = candlesRef.current;
    if (!candles) return;
    for (const line of priceLinesRef.current) candles.removePriceLine(line);
    priceLinesRef.current = [];
    selectedRef.current = selected;
    if (!selected) {
      refreshMarkers();
      return;
    }
    const line = (price: number, color: string, title: string, style: LineStyle) =>
      candles.createPriceLine({ price, color, title, lineStyle: style, lineWidth: 1, axisLabelVisible: true });
    priceLinesRef.current = [
      line(selected.stop, CHART_COLORS.down, "stop", LineStyle.Dashed),
      line(selected.target, CHART_COLORS.up, "target", LineStyle.Dashed),
      line(selected.entryPrice, CHART_COLORS.accent, "entry", LineStyle.Dotted),
    ];
    showTrade(selected);
  }, [selected, showTrade, refreshMarkers]);

  const hoveredTrades = hover ? (byBar.get(hover.time) ?? []) : [];
  const width = container.current?.clientWidth ?? 0;
  return (
    <div className="trade-chart">
      <div className="chart-legend small">
        <span className="muted">
          {symbol} · {timeframe} · UTC · prices in USDT
        </span>
        <span className="muted">
          markers in view: <span ref={countEl} data-testid="trade-marker-count" />
        </span>
        {query.isFetching ? <span className="muted">loading…</span> : null}
        {data?.truncated ? <span className="warn">window cut at {MAX_WINDOW_BARS} bars</span> : null}
        {selected && !selectedInView ? (
          <button type="button" className="button secondary small" data-testid="back-to-trade" onClick={() => showTrade(selected)}>
            Back to trade #{tradeNumber(selected)}
          </button>
        ) : null}
      </div>
      {data ? <OhlcvLegend data={data} index={hover?.index ?? lastVisibleIndex} /> : null}
      <div className="trade-chart-canvas-wrap">
        <div
          ref={container}
          className="chart-canvas"
          style={{ height: PRICE_PANE_PX + (paneCount - 1) * INDICATOR_PANE_PX }}
          data-testid="chart-canvas-container"
          data-candles={data?.time.length ?? 0}
          data-panes={paneCount}
        />
        {hover && hoveredTrades.length > 0 ? (
          <TradeTooltip trades={hoveredTrades} style={{ ...besideCrosshair(hover.x, width, 14).place, top: hover.y + 14 }} />
        ) : null}
      </div>
      {query.isError ? <p className="field-error">Could not load candles: {query.error.message}</p> : null}
      {selected ? (
        <p className="small selected-trade" data-testid="selected-trade" data-seq={selected.seq} data-number={tradeNumber(selected)}>
          Trade #{tradeNumber(selected)}: {selected.side} at {formatPrice(selected.entryPrice)} on {formatUtcMinute(selected.entryTime)} UTC → {selected.reason.replace(/_/g, " ")} at{" "}
          {formatPrice(selected.exitPrice)} on {formatUtcMinute(selected.exitTime)} UTC · stop {formatPrice(selected.stop)} · target {formatPrice(selected.target)} USDT ·{" "}
          <span className={selected.netPnl > 0 ? "pass" : "fail"}>net {formatNumber(selected.netPnl, 2)} USDT</span>
          {selected.mae && selected.mfe ? (
            <>
              {" "}
              · MAE {formatPercent(selected.mae.fraction, 2)} ({formatNumber(selected.mae.usdt, 2)} USDT) · MFE {formatPercent(selected.mfe.fraction, 2)} ({formatNumber(selected.mfe.usdt, 2)} USDT)
            </>
          ) : null}
        </p>
      ) : (
        <p className="small muted">Click a trade below (or press ↓/J, ↑/K) to move the chart to it and draw its stop and target; hover a marker for the trade, click it to select it.</p>
      )}
    </div>
  );
}
