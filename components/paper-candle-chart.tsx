"use client";

import { useQuery } from "@tanstack/react-query";
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useRef } from "react";
import type { PaperCandles } from "@/lib/jobs/paper/paper-monitor";
import { apiJson } from "./api-client";

const TF_MS: Record<string, number> = { "1m": 60_000, "2m": 120_000, "5m": 300_000, "15m": 900_000, "30m": 1_800_000 };
const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/**
 * The active instrument's candles up to the replay's last bar, with paper entries (arrows) and exits (circles).
 * Only the visible range is fetched (the API defaults to the last 300 bars); refreshed while the account runs.
 */
export function PaperCandleChart({ accountId, symbol, timeframe, live }: { accountId: string; symbol: string; timeframe: string; live: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const chart = useRef<IChartApi | null>(null);

  const query = useQuery({
    queryKey: ["paper-candles", accountId, symbol, timeframe],
    queryFn: ({ signal }) => apiJson<PaperCandles>(`/api/paper/${accountId}/candles?symbol=${encodeURIComponent(symbol)}&timeframe=${timeframe}`, { signal }),
    refetchInterval: live ? 2_000 : false,
    staleTime: 1_000,
  });

  useEffect(() => {
    if (!container.current) return;
    const c = createChart(container.current, {
      autoSize: true,
      height: 320,
      layout: { background: { color: "transparent" }, textColor: "#8b949e" },
      grid: { vertLines: { color: "#21262d" }, horzLines: { color: "#21262d" } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    series.current = c.addSeries(CandlestickSeries, { upColor: "#3fb950", downColor: "#f85149", wickUpColor: "#3fb950", wickDownColor: "#f85149", borderVisible: false });
    markers.current = createSeriesMarkers(series.current, []);
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
      markers.current = null;
    };
  }, [symbol, timeframe]);

  const data = query.data;
  useEffect(() => {
    if (!data || !series.current || !markers.current) return;
    const tfMs = TF_MS[data.timeframe] ?? 300_000;
    series.current.setData(data.candles.map((c) => ({ time: sec(c.time), open: c.open, high: c.high, low: c.low, close: c.close })));
    // A stop or target fills inside a bar: the marker sits on the bar that holds its time.
    const list: SeriesMarker<Time>[] = data.markers.map((m) => {
      const long = m.side === "long";
      const entry = m.kind === "entry";
      return {
        time: sec(Math.floor(m.time / tfMs) * tfMs),
        position: entry === long ? "belowBar" : "aboveBar",
        color: entry ? (long ? "#3fb950" : "#f85149") : "#d29922",
        shape: entry ? (long ? "arrowUp" : "arrowDown") : "circle",
        text: entry ? `${long ? "long" : "short"} ${m.price.toFixed(2)}` : `${m.reason ?? "exit"} ${m.price.toFixed(2)}`,
      };
    });
    list.sort((a, b) => Number(a.time) - Number(b.time));
    markers.current.setMarkers(list);
  }, [data]);

  return (
    <div>
      <div ref={container} className="paper-chart tall" data-testid="paper-candle-chart" data-candles={data?.candles.length ?? 0} data-markers={data?.markers.length ?? 0} />
      {query.isError ? <p className="field-error">{query.error.message}</p> : null}
    </div>
  );
}
