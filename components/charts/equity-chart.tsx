"use client";

import { AreaSeries, createChart, LineSeries, type IChartApi, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import { CHART_COLORS, chartOptions } from "./chart-theme";
import { toChartTime } from "./chart-time";

export interface EquityCurve {
  label: string;
  color: string;
  points: readonly { time: number; equity: number }[];
}

/** Peak-to-date drawdown of a curve, as a (negative) fraction of the peak. */
export function drawdownOf(points: readonly { time: number; equity: number }[]): { time: number; value: number }[] {
  let peak = -Infinity;
  return points.map((p) => {
    peak = Math.max(peak, p.equity);
    return { time: p.time, value: peak > 0 ? p.equity / peak - 1 : 0 };
  });
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

/**
 * Equity curves on one chart (a run, or two runs compared), with the first curve's drawdown as an area in a pane
 * underneath when `drawdown` is set.
 */
export function EquityChart({ curves, drawdown = false, height = 300, testId = "equity-chart" }: { curves: readonly EquityCurve[]; drawdown?: boolean; height?: number; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createChart(el, chartOptions(height));
    chartRef.current = chart;
    for (const c of curves) {
      const line = chart.addSeries(LineSeries, { color: c.color, lineWidth: 2, title: c.label, priceLineVisible: false });
      line.setData(uniqueByTime(c.points.map((p) => ({ time: toChartTime(p.time), value: p.equity }))));
    }
    const first = curves[0];
    if (drawdown && first) {
      const area = chart.addSeries(
        AreaSeries,
        {
          lineColor: CHART_COLORS.down,
          topColor: "rgba(248, 81, 73, 0.05)",
          bottomColor: "rgba(248, 81, 73, 0.4)",
          lineWidth: 1,
          title: "drawdown",
          priceLineVisible: false,
          priceFormat: { type: "percent", precision: 1, minMove: 0.1 },
        },
        1,
      );
      area.setData(uniqueByTime(drawdownOf(first.points).map((p) => ({ time: toChartTime(p.time), value: p.value * 100 }))));
      const panes = chart.panes();
      panes[0]?.setStretchFactor(3);
      panes[1]?.setStretchFactor(1);
    }
    chart.timeScale().fitContent();
    return () => {
      chart.remove();
      chartRef.current = null;
    };
  }, [curves, drawdown, height]);

  return <div ref={container} className="chart-canvas" style={{ height }} data-testid={testId} />;
}
