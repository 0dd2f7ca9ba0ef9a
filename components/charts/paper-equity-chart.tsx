"use client";

import { AreaSeries, createChart, type IChartApi, type ISeriesApi } from "lightweight-charts";
import { useEffect, useRef } from "react";
import { CHART_COLORS } from "./chart-theme";
import { toChartTime } from "./chart-time";

const CHART_OPTIONS = {
  height: 220,
  layout: { background: { color: "transparent" }, textColor: CHART_COLORS.text },
  grid: { vertLines: { color: CHART_COLORS.grid }, horzLines: { color: CHART_COLORS.grid } },
  timeScale: { timeVisible: true, secondsVisible: false },
  rightPriceScale: { borderColor: "#30363d" },
} as const;

/** The account's marked equity (epoch ms from the API; lightweight-charts takes UTC seconds). */
export function PaperEquityChart({ points, startingEquity }: { points: readonly { time: number; equity: number }[]; startingEquity: number }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<"Area"> | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    if (!container.current) return;
    const c = createChart(container.current, { ...CHART_OPTIONS, autoSize: true });
    series.current = c.addSeries(AreaSeries, { lineColor: CHART_COLORS.accent, topColor: "rgba(88,166,255,0.25)", bottomColor: "rgba(88,166,255,0.02)", lineWidth: 2 });
    series.current.createPriceLine({ price: startingEquity, color: CHART_COLORS.text, lineStyle: 2, lineWidth: 1, axisLabelVisible: false, title: "start" });
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
      fitted.current = false;
    };
  }, [startingEquity]);

  useEffect(() => {
    if (!series.current) return;
    series.current.setData(points.map((p) => ({ time: toChartTime(p.time), value: p.equity })));
    if (!fitted.current && points.length > 1) {
      chart.current?.timeScale().fitContent();
      fitted.current = points.length > 50;
    }
  }, [points]);

  return <div ref={container} className="paper-chart" data-testid="paper-equity-chart" data-points={points.length} />;
}
