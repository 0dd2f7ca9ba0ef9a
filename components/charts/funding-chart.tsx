"use client";

import { BaselineSeries, createChart, LineStyle } from "lightweight-charts";
import { useEffect, useRef } from "react";
import type { FundingBands } from "@/lib/analysis/funding-classification";
import { CHART_COLORS, chartOptions } from "./chart-theme";
import { toChartTime } from "./chart-time";

const pct = (rate: number) => `${(rate * 100).toFixed(4)}%`;

/**
 * An instrument's funding history as 8h-equivalent rates (longs pay above zero, shorts below), with the classification
 * band edges drawn as horizontal lines. The area is shaded green above zero and red below.
 */
export function FundingChart({ symbol, points, bands }: { symbol: string; points: readonly { time: number; rate8h: number }[]; bands: FundingBands }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createChart(el, { ...chartOptions(260), localization: { ...chartOptions(260).localization, priceFormatter: pct } });
    const series = chart.addSeries(BaselineSeries, {
      baseValue: { type: "price", price: 0 },
      topLineColor: CHART_COLORS.up,
      topFillColor1: "rgba(63, 185, 80, 0.28)",
      topFillColor2: "rgba(63, 185, 80, 0.04)",
      bottomLineColor: CHART_COLORS.down,
      bottomFillColor1: "rgba(248, 81, 73, 0.04)",
      bottomFillColor2: "rgba(248, 81, 73, 0.28)",
      lineWidth: 1,
      priceLineVisible: false,
      title: "8h rate",
    });
    series.setData(points.map((p) => ({ time: toChartTime(p.time), value: p.rate8h })));
    const edge = (price: number, color: string, title: string) => series.createPriceLine({ price, color, title, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: true });
    edge(bands.extremeBullishAbove, CHART_COLORS.down, "extreme bullish >");
    edge(bands.elevatedBullishAbove, CHART_COLORS.warn, "elevated >");
    edge(bands.moderateBullishFrom, CHART_COLORS.text, "moderate ≥");
    edge(bands.extremeBearishBelow, CHART_COLORS.accent, "extreme bearish <");
    // Keep every band edge on screen even when the rates never reach it.
    series.applyOptions({
      autoscaleInfoProvider: (original: () => { priceRange: { minValue: number; maxValue: number } } | null) => {
        const base = original();
        const lo = Math.min(base?.priceRange.minValue ?? 0, bands.extremeBearishBelow * 1.3);
        const hi = Math.max(base?.priceRange.maxValue ?? 0, bands.extremeBullishAbove * 1.3);
        return { priceRange: { minValue: lo, maxValue: hi } };
      },
    });
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points, bands]);
  return <div ref={container} className="chart-canvas" style={{ height: 260 }} data-testid="funding-chart" data-symbol={symbol} data-points={points.length} />;
}
