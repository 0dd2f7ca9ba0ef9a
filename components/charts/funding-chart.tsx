"use client";

import { BaselineSeries, createChart, LineStyle } from "lightweight-charts";
import { useEffect, useRef } from "react";
import type { FundingBands, FundingClass } from "@/lib/analysis/funding-classification";
import { FUNDING_CLASS_STYLE, fundingClassRangeLabel, fundingRatePct } from "@/components/funding/funding-class-style";
import { fitWithMargins } from "./chart-fit";
import { CHART_COLORS, chartOptions, followTheme } from "./chart-theme";
import { toChartTime } from "./chart-time";

/** The classes whose lower (or, for extreme bearish, upper) edge is drawn, top to bottom. */
const EDGE_CLASSES: readonly FundingClass[] = ["extreme_bullish", "elevated_bullish", "moderate_bullish", "extreme_bearish"];

/**
 * An instrument's funding history as 8h-equivalent rates (longs pay above zero, shorts below), with the classification
 * band edges drawn as dashed lines in the colour of the class beyond each edge. The lines carry no label (stacked at
 * the right edge they hid the axis and the data): the legend under the chart names them with their ranges.
 */
export function FundingChart({ symbol, points, bands }: { symbol: string; points: readonly { time: number; rate8h: number }[]; bands: FundingBands }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = createChart(el, { ...chartOptions(260), localization: { ...chartOptions(260).localization, priceFormatter: fundingRatePct } });
    const unfollowTheme = followTheme(chart);
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
    });
    series.setData(points.map((p) => ({ time: toChartTime(p.time), value: p.rate8h })));
    const edge = (price: number, cls: FundingClass) => series.createPriceLine({ price, color: FUNDING_CLASS_STYLE[cls].color, lineStyle: LineStyle.Dashed, lineWidth: 1, axisLabelVisible: false, title: "" });
    edge(bands.extremeBullishAbove, "extreme_bullish");
    edge(bands.elevatedBullishAbove, "elevated_bullish");
    edge(bands.moderateBullishFrom, "moderate_bullish");
    edge(bands.extremeBearishBelow, "extreme_bearish");
    // Keep every band edge on screen even when the rates never reach it.
    series.applyOptions({
      autoscaleInfoProvider: (original: () => { priceRange: { minValue: number; maxValue: number } } | null) => {
        const base = original();
        const lo = Math.min(base?.priceRange.minValue ?? 0, bands.extremeBearishBelow * 1.3);
        const hi = Math.max(base?.priceRange.maxValue ?? 0, bands.extremeBullishAbove * 1.3);
        return { priceRange: { minValue: lo, maxValue: hi } };
      },
    });
    fitWithMargins(chart, points.length);
    return () => {
      unfollowTheme();
      chart.remove();
    };
  }, [points, bands]);
  return (
    <div>
      <div ref={container} className="chart-canvas" style={{ height: 260 }} data-testid="funding-chart" data-symbol={symbol} data-points={points.length} />
      <ul className="funding-legend small" data-testid="funding-chart-legend">
        {EDGE_CLASSES.map((cls) => (
          <li key={cls} data-testid="funding-legend-item" data-class={cls}>
            <span className="funding-legend-line" style={{ borderColor: FUNDING_CLASS_STYLE[cls].color }} />
            <span style={{ color: FUNDING_CLASS_STYLE[cls].color }} data-testid="funding-class-name">
              {FUNDING_CLASS_STYLE[cls].label}
            </span> <span className="muted">{fundingClassRangeLabel(cls, bands)}</span>
          </li>
        ))}
        <li className="muted">8h-equivalent rate: green above zero (longs pay), red below (shorts pay)</li>
      </ul>
    </div>
  );
}
