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
  type SeriesMarker,
  type Time,
  type WhitespaceData,
  type LineData,
} from "lightweight-charts";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { apiJson } from "@/lib/client/api-client";
import type { TradeJson } from "@/lib/contract/backtests";
import { candleWindowSchema, MAX_WINDOW_BARS } from "@/lib/contract/market";
import { formatPrice, formatUtcMinute } from "@/lib/format";
import { CHART_COLORS, chartOptions } from "./chart-theme";
import { barOpen, exitBarOpen, fromChartTime, toChartTime } from "./chart-time";

/** Bars fetched around what is on screen: scrolling a little needs no request, and one request stays small. */
const WINDOW_BARS = 1500;
/** Bars shown around a selected trade. */
const TRADE_PADDING_BARS = 40;
const REFETCH_DEBOUNCE_MS = 250;

interface Range {
  from: number;
  to: number;
}

export interface TradeChartProps {
  symbol: string;
  timeframe: string;
  barMs: number;
  /** The run's tested period: windows never reach outside it. */
  bounds: Range;
  trades: readonly TradeJson[];
  /** Price overlays the hypothesis reads, e.g. `SMA(50)`. */
  overlays: readonly string[];
  selected: TradeJson | null;
}

const clampRange = (r: Range, bounds: Range): Range => ({ from: Math.max(bounds.from, r.from), to: Math.min(bounds.to, r.to) });

/** A window of about WINDOW_BARS (never more than the cap) centred on `r`, inside the run's period. */
function windowAround(r: Range, barMs: number, bounds: Range): Range {
  const span = Math.min(MAX_WINDOW_BARS - 2, Math.max(WINDOW_BARS, Math.ceil((r.to - r.from) / barMs) * 3)) * barMs;
  const mid = barOpen((r.from + r.to) / 2, barMs);
  let from = mid - span / 2;
  let to = mid + span / 2;
  if (from < bounds.from) [from, to] = [bounds.from, Math.min(bounds.to, bounds.from + span)];
  if (to > bounds.to) [from, to] = [Math.max(bounds.from, bounds.to - span), bounds.to];
  return { from: barOpen(from, barMs), to };
}

/** Entry arrows and exit circles (green win, red loss) for the trades whose entry or exit bar is in [from, to]. */
function markersIn(trades: readonly TradeJson[], barMs: number, r: Range, selectedSeq: number | null): SeriesMarker<Time>[] {
  const list: SeriesMarker<Time>[] = [];
  for (const t of trades) {
    const long = t.side === "long";
    const win = t.netPnl > 0;
    const isSelected = t.seq === selectedSeq;
    const entryBar = barOpen(t.entryTime, barMs);
    if (entryBar >= r.from && entryBar <= r.to) {
      list.push({
        time: toChartTime(entryBar),
        position: long ? "belowBar" : "aboveBar",
        shape: long ? "arrowUp" : "arrowDown",
        color: isSelected ? CHART_COLORS.accent : long ? "#2ea043" : "#da3633",
        text: isSelected ? `#${t.seq} ${t.side}` : undefined,
        id: `entry-${t.seq}`,
      });
    }
    const exitBar = exitBarOpen(t, barMs);
    if (exitBar >= r.from && exitBar <= r.to) {
      list.push({
        time: toChartTime(exitBar),
        position: long ? "aboveBar" : "belowBar",
        shape: "circle",
        color: win ? CHART_COLORS.up : CHART_COLORS.down,
        text: isSelected ? `${t.reason} ${win ? "+" : ""}${t.netPnl.toFixed(2)}` : undefined,
        id: `exit-${t.seq}`,
      });
    }
  }
  return list.sort((a, b) => Number(a.time) - Number(b.time));
}

/**
 * A run's candles with every entry and exit in view as markers, volume, the hypothesis's overlays and, for the selected
 * trade, its entry, stop and target as price lines. Only a window around the visible range is loaded (≤ 3000 bars);
 * scrolling near its edge loads the next window (debounced), and selecting a trade moves the view to it.
 */
export function TradeChart({ symbol, timeframe, barMs, bounds: boundsProp, trades, overlays, selected }: TradeChartProps) {
  // Effects depend on the period's values, not on the identity of the object the parent passed.
  const bounds = useMemo(() => ({ from: boundsProp.from, to: boundsProp.to }), [boundsProp.from, boundsProp.to]);
  const container = useRef<HTMLDivElement>(null);
  const countEl = useRef<HTMLSpanElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const candlesRef = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const volumeRef = useRef<ISeriesApi<"Histogram"> | null>(null);
  const linesRef = useRef<ISeriesApi<"Line">[]>([]);
  const markersRef = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const priceLinesRef = useRef<IPriceLine[]>([]);
  /** The view to show once the window holding it has loaded (initial view, a selected trade far away). */
  const pendingView = useRef<Range | null>(null);
  const loadedRef = useRef<Range | null>(null);
  const tradesRef = useRef(trades);
  const selectedSeq = useRef<number | null>(null);

  const initialView = (): Range => {
    const first = trades[0];
    const center = first ? { from: barOpen(first.entryTime, barMs), to: exitBarOpen(first, barMs) } : { from: bounds.from, to: bounds.from + 100 * barMs };
    return clampRange({ from: center.from - 60 * barMs, to: center.to + 60 * barMs }, bounds);
  };
  const [win, setWin] = useState<Range>(() => {
    const view = initialView();
    pendingView.current = view;
    return windowAround(view, barMs, bounds);
  });

  const indicators = overlays.join(",");
  const query = useQuery({
    queryKey: ["candle-window", symbol, timeframe, win.from, win.to, indicators],
    queryFn: ({ signal }) => {
      const search = new URLSearchParams({ symbol, timeframe, from: String(win.from), to: String(win.to) });
      if (indicators) search.set("indicators", indicators);
      return apiJson(`/api/market/candles?${search}`, candleWindowSchema, { signal });
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  /** Redraws the markers for what is on screen and publishes the count and range for tests and screen readers. */
  const refreshMarkers = useCallback(() => {
    const chart = chartRef.current;
    const range = chart?.timeScale().getVisibleRange();
    if (!chart || !range || !markersRef.current) return;
    const visible = { from: fromChartTime(range.from), to: fromChartTime(range.to) };
    const list = markersIn(tradesRef.current, barMs, visible, selectedSeq.current);
    markersRef.current.setMarkers(list);
    const el = countEl.current;
    if (el) {
      el.textContent = String(list.length);
      el.dataset.visibleFrom = String(visible.from);
      el.dataset.visibleTo = String(visible.to);
    }
  }, [barMs]);

  // The chart lives as long as the series it shows.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createChart(el, chartOptions(440));
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
    chartRef.current = chart;
    candlesRef.current = candles;
    volumeRef.current = volume;
    markersRef.current = createSeriesMarkers(candles, []);
    return () => {
      chart.remove();
      chartRef.current = null;
      candlesRef.current = null;
      volumeRef.current = null;
      markersRef.current = null;
      linesRef.current = [];
      priceLinesRef.current = [];
      loadedRef.current = null;
    };
  }, [symbol, timeframe]);

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
    // Replacing the data shifts bar indexes; keep the view in time, not in bars.
    const before = chart.timeScale().getVisibleRange();
    candles.setData(data.time.map((t, i) => ({ time: toChartTime(t), open: data.open[i] ?? NaN, high: data.high[i] ?? NaN, low: data.low[i] ?? NaN, close: data.close[i] ?? NaN })));
    volume.setData(
      data.time.map((t, i) => ({ time: toChartTime(t), value: data.volume[i] ?? 0, color: (data.close[i] ?? 0) >= (data.open[i] ?? 0) ? "rgba(63, 185, 80, 0.35)" : "rgba(248, 81, 73, 0.35)" })),
    );
    for (const line of linesRef.current) chart.removeSeries(line);
    linesRef.current = data.overlays.map((o, k) => {
      const line = chart.addSeries(LineSeries, {
        color: CHART_COLORS.overlays[k % CHART_COLORS.overlays.length],
        lineWidth: 1,
        title: o.label,
        lastValueVisible: false,
        priceLineVisible: false,
        crosshairMarkerVisible: false,
      });
      line.setData(data.time.map((t, i): LineData<Time> | WhitespaceData<Time> => {
        const v = o.values[i];
        return v === null || v === undefined ? { time: toChartTime(t) } : { time: toChartTime(t), value: v };
      }));
      return line;
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
    const chart = chartRef.current;
    const candles = candlesRef.current;
    if (!chart || !candles) return;
    for (const line of priceLinesRef.current) candles.removePriceLine(line);
    priceLinesRef.current = [];
    selectedSeq.current = selected?.seq ?? null;
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
    const entryBar = barOpen(selected.entryTime, barMs);
    const exitBar = exitBarOpen(selected, barMs);
    const pad = Math.max(TRADE_PADDING_BARS * barMs, (exitBar - entryBar) * 0.5);
    const view = clampRange({ from: entryBar - pad, to: exitBar + pad }, bounds);
    const loaded = loadedRef.current;
    if (loaded && view.from >= loaded.from && view.to <= loaded.to) {
      chart.timeScale().setVisibleRange({ from: toChartTime(view.from), to: toChartTime(view.to) });
      refreshMarkers();
    } else {
      pendingView.current = view;
      setWin(windowAround(view, barMs, bounds));
    }
  }, [selected, barMs, bounds, refreshMarkers]);

  return (
    <div className="trade-chart">
      <div className="chart-legend small">
        <span className="muted">
          {symbol} · {timeframe} · UTC
        </span>
        {overlays.length > 0 ? <span className="muted">overlays: {overlays.join(", ")}</span> : null}
        <span className="muted">
          markers in view: <span ref={countEl} data-testid="trade-marker-count" />
        </span>
        {query.isFetching ? <span className="muted">loading…</span> : null}
        {data?.truncated ? <span className="warn">window cut at {MAX_WINDOW_BARS} bars</span> : null}
      </div>
      <div ref={container} className="chart-canvas tall" data-testid="chart-canvas-container" data-candles={data?.time.length ?? 0} />
      {query.isError ? <p className="field-error">Could not load candles: {query.error.message}</p> : null}
      {selected ? (
        <p className="small selected-trade" data-testid="selected-trade" data-seq={selected.seq}>
          Trade #{selected.seq}: {selected.side} at {formatPrice(selected.entryPrice)} on {formatUtcMinute(selected.entryTime)} → {selected.reason} at {formatPrice(selected.exitPrice)} on{" "}
          {formatUtcMinute(selected.exitTime)} · stop {formatPrice(selected.stop)} · target {formatPrice(selected.target)} ·{" "}
          <span className={selected.netPnl > 0 ? "pass" : "fail"}>net {selected.netPnl.toFixed(2)}</span>
        </p>
      ) : (
        <p className="small muted">Click a trade below to move the chart to it and draw its stop and target.</p>
      )}
    </div>
  );
}
