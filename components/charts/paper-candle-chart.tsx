"use client";

import { useQuery } from "@tanstack/react-query";
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useRef, useState } from "react";
import { apiJson } from "@/lib/client/api-client";
import { paperCandlesSchema } from "@/lib/contract/paper";
import { formatUtc } from "@/lib/format";
import { timeframeMs } from "@/lib/market/timeframe";
import { besideCrosshair } from "./chart-hover";
import { CHART_COLORS, chartOptions, followTheme } from "./chart-theme";
import { barOpen, toChartTime } from "./chart-time";

/** A fill on the exchange (a live account's), drawn beside the paper trades it mirrors. */
export interface ExchangeFillMarker {
  readonly time: number;
  readonly price: number;
  readonly side: "buy" | "sell";
  /** What the order was for: entry, stop, take-profit, exit, flatten. */
  readonly purpose: string;
}

/** One empty list for charts without exchange fills: a new `[]` per render would redraw the markers every time. */
const NO_FILLS: readonly ExchangeFillMarker[] = [];
const NO_NAMES: ReadonlyMap<string, string> = new Map();
const TOOLTIP_MAX_PX = 352;

/**
 * The active instrument's candles up to the replay's last bar, with paper entries (arrows) and exits (circles), and
 * a live account's exchange fills (squares) when given. Only the visible range is fetched (the API defaults to the
 * last 300 bars); refreshed while the account runs. Markers carry no text (labels of nearby fills piled up into an
 * unreadable block): hovering a bar lists its fills, named by `legNames` (leg id → hypothesis name) when given.
 */
export function PaperCandleChart({
  accountId,
  symbol,
  timeframe,
  live,
  exchangeFills = NO_FILLS,
  legNames = NO_NAMES,
}: {
  accountId: string;
  symbol: string;
  timeframe: string;
  live: boolean;
  exchangeFills?: readonly ExchangeFillMarker[];
  legNames?: ReadonlyMap<string, string>;
}) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const chart = useRef<IChartApi | null>(null);
  // What each bar's markers stand for (chart time → lines), read by the hover tooltip.
  const details = useRef(new Map<number, string[]>());
  const [hover, setHover] = useState<{ lines: string[]; place: { maxWidth: number } & ReturnType<typeof besideCrosshair>["place"] } | null>(null);

  const query = useQuery({
    queryKey: ["paper-candles", accountId, symbol, timeframe],
    queryFn: ({ signal }) => apiJson(`/api/paper/${accountId}/candles?symbol=${encodeURIComponent(symbol)}&timeframe=${timeframe}`, paperCandlesSchema, { signal }),
    refetchInterval: live ? 2_000 : false,
    staleTime: 1_000,
  });

  useEffect(() => {
    if (!container.current) return;
    // The shared look: the crosshair writes times as the rest of the page does (formatUtc, "… UTC").
    const c = createChart(container.current, chartOptions(320));
    const unfollowTheme = followTheme(c);
    series.current = c.addSeries(CandlestickSeries, { upColor: CHART_COLORS.up, downColor: CHART_COLORS.down, wickUpColor: CHART_COLORS.up, wickDownColor: CHART_COLORS.down, borderVisible: false });
    markers.current = createSeriesMarkers(series.current, []);
    chart.current = c;
    const onMove = (param: MouseEventParams<Time>) => {
      const lines = param.time === undefined || !param.point ? undefined : details.current.get(Number(param.time));
      if (!lines || !param.point) return setHover(null);
      // Beside the crosshair, on the side with room, so it never sticks out of the chart (or the phone's screen).
      const width = container.current?.clientWidth ?? 0;
      const x = param.point.x;
      const { place, room } = besideCrosshair(x, width, 12);
      setHover({ lines, place: { ...place, maxWidth: Math.min(TOOLTIP_MAX_PX, room) } });
    };
    c.subscribeCrosshairMove(onMove);
    return () => {
      c.unsubscribeCrosshairMove(onMove);
      unfollowTheme();
      c.remove();
      chart.current = null;
      series.current = null;
      markers.current = null;
    };
  }, [symbol, timeframe]);

  const data = query.data;
  useEffect(() => {
    if (!data || !series.current || !markers.current) return;
    const tfMs = timeframeMs(data.timeframe);
    series.current.setData(data.candles.map((c) => ({ time: toChartTime(c.time), open: c.open, high: c.high, low: c.low, close: c.close })));
    const byBar = new Map<number, string[]>();
    const note = (time: UTCTimestamp, line: string) => byBar.set(time, [...(byBar.get(time) ?? []), line]);
    // A stop or target fills inside a bar: the marker sits on the bar that holds its time.
    const list: SeriesMarker<Time>[] = data.markers.map((m) => {
      const long = m.side === "long";
      const entry = m.kind === "entry";
      const time = toChartTime(barOpen(m.time, tfMs));
      const what = entry ? `${long ? "long" : "short"} entry` : `${m.reason ?? "exit"} exit of the ${m.side}`;
      note(time, `${formatUtc(m.time)} · ${legNames.get(m.legId) ?? m.legId} · ${what} @ ${m.price.toFixed(2)} USDT`);
      return {
        time,
        position: entry === long ? "belowBar" : "aboveBar",
        color: entry ? (long ? CHART_COLORS.up : CHART_COLORS.down) : CHART_COLORS.warn,
        shape: entry ? (long ? "arrowUp" : "arrowDown") : "circle",
      };
    });
    const first = data.candles[0]?.time ?? Infinity;
    for (const f of exchangeFills) {
      // Fills before the first candle shown would stretch the chart to a bar it does not have.
      if (f.time < first) continue;
      const time = toChartTime(barOpen(f.time, tfMs));
      note(time, `${formatUtc(f.time)} · exchange ${f.purpose} ${f.side} @ ${f.price.toFixed(2)} USDT`);
      list.push({ time, position: f.side === "buy" ? "belowBar" : "aboveBar", color: CHART_COLORS.accent, shape: "square" });
    }
    list.sort((a, b) => Number(a.time) - Number(b.time));
    details.current = byBar;
    markers.current.setMarkers(list);
  }, [data, exchangeFills, legNames]);

  return (
    <div className="paper-candle-wrap">
      <div ref={container} className="paper-chart tall" data-testid="paper-candle-chart" data-candles={data?.candles.length ?? 0} data-markers={data?.markers.length ?? 0} data-exchange-fills={exchangeFills.length} />
      {hover ? (
        <div className="paper-chart-tooltip small" data-testid="paper-marker-tooltip" style={hover.place}>
          {hover.lines.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      ) : null}
      <p className="muted small paper-chart-foot">▲▼ entries · ● exits{exchangeFills.length > 0 ? " · ■ exchange fills" : ""} · hover a marker's bar for its fills</p>
      {query.isError ? <p className="field-error">{query.error.message}</p> : null}
      {data && data.candles.length === 0 ? (
        <p className="muted small" data-testid="paper-chart-no-candles">
          No stored {data.symbol} {data.timeframe} candles for this window (a live feed keeps its bars in memory): fetch them (npm run data -- fetch --exchange kraken --symbols {data.symbol} --timeframes {data.timeframe}) to see the trades on their bars.
        </p>
      ) : null}
    </div>
  );
}
