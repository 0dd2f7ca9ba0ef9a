"use client";

import { createChart, LineSeries, LineStyle, type Time, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";
import { FUNDING_CLASS_STYLE } from "@/components/funding/funding-class-style";
import type { EventPathPoint, FundingEventStudy } from "@/lib/analysis/funding-event-study";
import type { ExtremeClass } from "@/lib/analysis/funding-study";
import { CHART_COLORS, chartOptions, followTheme } from "./chart-theme";

/** The horizontal axis is hours after the event; lightweight-charts wants times, so hour h is drawn at ORIGIN + h hours. */
const ORIGIN_S = 946_684_800;
const hourOf = (t: Time) => (Number(t) - ORIGIN_S) / 3600;
const atHour = (h: number) => (ORIGIN_S + h * 3600) as UTCTimestamp;
const signedPct = (v: number) => `${v >= 0 ? "+" : "−"}${(Math.abs(v) * 100).toFixed(2)}%`;

const CLASSES: readonly ExtremeClass[] = ["extreme_bullish", "extreme_bearish"];

/** Hex colour with an alpha, for the band lines. */
const faded = (hex: string) => `${hex}99`;

/**
 * The event study: the mean price move (relative to the price at the event, %) in the hours after extreme funding,
 * one solid line per extreme class with its 95 % band (mean ± 1.96 SE) as two dashed lines of the same colour. A
 * reversal is the bullish line falling below zero and the bearish line rising above it.
 */
export function FundingEventStudyChart({ symbol, study }: { symbol: string; study: FundingEventStudy }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const base = chartOptions(240);
    const chart = createChart(el, {
      ...base,
      handleScroll: false,
      handleScale: false,
      localization: { ...base.localization, priceFormatter: signedPct, timeFormatter: (t: Time) => `+${hourOf(t)}h after the event` },
      timeScale: { ...base.timeScale, tickMarkFormatter: (t: Time) => `+${hourOf(t)}h` },
    });
    const unfollowTheme = followTheme(chart);
    for (const cls of CLASSES) {
      const color = FUNDING_CLASS_STYLE[cls].color;
      const path = study.paths[cls];
      // An hour without a value (no event reached it) stays a gap in the line.
      const line = (pick: (p: EventPathPoint) => number | null) =>
        path.map((p) => {
          const value = pick(p);
          return value === null ? { time: atHour(p.hours) } : { time: atHour(p.hours), value };
        });
      const band = { color: faded(color), lineWidth: 1, lineStyle: LineStyle.Dashed, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false } as const;
      chart.addSeries(LineSeries, band).setData(line((p) => p.upper));
      chart.addSeries(LineSeries, band).setData(line((p) => p.lower));
      const mean = chart.addSeries(LineSeries, { color, lineWidth: 2, priceLineVisible: false, title: "" });
      mean.setData(line((p) => p.mean));
      if (cls === "extreme_bullish") mean.createPriceLine({ price: 0, color: CHART_COLORS.text, lineStyle: LineStyle.Dotted, lineWidth: 1, axisLabelVisible: false, title: "" });
    }
    chart.timeScale().fitContent();
    return () => {
      unfollowTheme();
      chart.remove();
    };
  }, [study]);
  const events = (cls: ExtremeClass) => study.paths[cls][0]?.events ?? 0;
  return (
    <div>
      <div
        ref={container}
        className="chart-canvas"
        style={{ height: 240 }}
        data-testid="funding-event-study-chart"
        data-symbol={symbol}
        data-hours={study.paths.extreme_bullish.length - 1}
        data-events-bullish={events("extreme_bullish")}
        data-events-bearish={events("extreme_bearish")}
      />
      <ul className="funding-legend small">
        {CLASSES.map((cls) => (
          <li key={cls}>
            <span className="funding-legend-line solid" style={{ borderColor: FUNDING_CLASS_STYLE[cls].color }} />
            <span style={{ color: FUNDING_CLASS_STYLE[cls].color }}>after {FUNDING_CLASS_STYLE[cls].label}</span> <span className="muted">({events(cls)} events; dashed: 95% band)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
