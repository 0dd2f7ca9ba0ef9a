"use client";

import { createChart, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import { drawdownCurve } from "@/lib/analysis/drawdown-curve";
import { formatNumber } from "@/lib/format";
import { fitWithMargins, WHOLE_HISTORY_BAR_SPACING } from "./chart-fit";
import { chartOptions, followTheme } from "./chart-theme";
import { fromChartTime, toChartTime } from "./chart-time";

export interface EquityCurve {
  label: string;
  color: string;
  points: readonly { time: number; equity: number }[];
  /** The curve's tag on the price axis (the legend carries the full label). */
  axisLabel: string;
  /** A benchmark (buy & hold) rather than a strategy: drawn dashed. */
  dashed?: boolean;
}

/** One point per chart second: the store thins curves, but two points can still share a second after rounding. */
function uniqueByTime<T extends { time: UTCTimestamp }>(rows: T[]): T[] {
  const out: T[] = [];
  for (const r of rows) {
    if (out.length > 0 && out[out.length - 1]?.time === r.time) out[out.length - 1] = r;
    else out.push(r);
  }
  return out;
}


/** Whole USDT with thousands separators on the axis: cents of a 10,000 account say nothing there. */
const USDT_FORMAT = { type: "custom", formatter: (price: number) => formatNumber(price, 0), minMove: 1 } as const;

/** What the chart holds, read back from its own API, for tests and screen readers. */
function publishSeries(root: HTMLElement, chart: IChartApi, equity: readonly ISeriesApi<"Line">[]): void {
  const panes = chart.panes();
  root.dataset.equitySeries = String(panes[0]?.getSeries().length ?? 0);
  root.dataset.drawdownSeries = String(panes[1]?.getSeries().length ?? 0);
  equity.forEach((series, i) => {
    const item = root.querySelector<HTMLElement>(`[data-curve="${i}"]`);
    const data = series.data();
    const first = data[0];
    const last = data[data.length - 1];
    if (!item || !first || !last || !("value" in first)) return;
    item.dataset.points = String(data.length);
    item.dataset.firstTime = String(fromChartTime(first.time));
    item.dataset.firstValue = String(first.value);
    item.dataset.lastTime = String(fromChartTime(last.time));
  });
}

/**
 * Equity curves on one chart (a run with its buy & hold, or runs compared), fitted to the whole period, with each
 * curve's drawdown in a pane underneath when `drawdown` is set. The visible range is published on the element
 * (data-visible-from/to, epoch ms) as the chart reports it.
 */
export function EquityChart({ curves, drawdown = false, height = 300, testId = "equity-chart" }: { curves: readonly EquityCurve[]; drawdown?: boolean; height?: number; testId?: string }) {
  const root = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = container.current;
    const rootEl = root.current;
    if (!el || !rootEl) return;
    const base = chartOptions(height);
    const chart = createChart(el, { ...base, timeScale: { ...base.timeScale, minBarSpacing: WHOLE_HISTORY_BAR_SPACING } });
    const unfollowTheme = followTheme(chart);
    const times = new Set<number>();
    const equity = curves.map((c) => {
      const line = chart.addSeries(LineSeries, { color: c.color, lineWidth: 2, lineStyle: c.dashed ? LineStyle.Dashed : LineStyle.Solid, title: c.axisLabel, priceLineVisible: false, priceFormat: USDT_FORMAT });
      const data = uniqueByTime(c.points.map((p) => ({ time: toChartTime(p.time), value: p.equity })));
      for (const d of data) times.add(d.time);
      line.setData(data);
      return line;
    });
    if (drawdown) {
      for (const c of curves) {
        const line = chart.addSeries(
          LineSeries,
          { color: c.color, lineWidth: 1, lineStyle: c.dashed ? LineStyle.Dashed : LineStyle.Solid, priceLineVisible: false, lastValueVisible: false, priceFormat: { type: "percent", precision: 1, minMove: 0.1 } },
          1,
        );
        line.setData(uniqueByTime(drawdownCurve(c.points).map((p) => ({ time: toChartTime(p.time), value: p.drawdown * 100 }))));
      }
      const panes = chart.panes();
      panes[0]?.setStretchFactor(3);
      panes[1]?.setStretchFactor(1);
    }
    const publishRange = () => {
      const range = chart.timeScale().getVisibleRange();
      if (!range) return;
      rootEl.dataset.visibleFrom = String(fromChartTime(range.from));
      rootEl.dataset.visibleTo = String(fromChartTime(range.to));
    };
    chart.timeScale().subscribeVisibleTimeRangeChange(publishRange);
    // Fitted again whenever the width changes (autoSize may give it only after creation; a phone turns): the end
    // margins are pixels, which a kept time range would squeeze.
    const fit = () => fitWithMargins(chart, times.size);
    fit();
    chart.timeScale().subscribeSizeChange(fit);
    publishRange();
    publishSeries(rootEl, chart, equity);
    return () => {
      chart.timeScale().unsubscribeVisibleTimeRangeChange(publishRange);
      chart.timeScale().unsubscribeSizeChange(fit);
      unfollowTheme();
      chart.remove();
    };
  }, [curves, drawdown, height]);

  return (
    <div ref={root} className="equity-chart" data-testid={testId}>
      <div ref={container} className="chart-canvas" style={{ height }} />
      <ul className="equity-legend" aria-label="Curves">
        {curves.map((c, i) => (
          <li key={`${i}-${c.label}`} data-curve={i} data-testid="equity-legend-item" data-label={c.label}>
            <span className={`equity-legend-swatch${c.dashed ? " dashed" : ""}`} style={{ borderColor: c.color }} />
            {c.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
