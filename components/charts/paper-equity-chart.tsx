"use client";

import { AreaSeries, createChart, type IChartApi, type ISeriesApi } from "lightweight-charts";
import { useCallback, useEffect, useRef, useState } from "react";
import { fitWithMargins, WHOLE_HISTORY_BAR_SPACING } from "./chart-fit";
import { CHART_COLORS, chartOptions, followTheme } from "./chart-theme";
import { fromChartTime, toChartTime } from "./chart-time";

/**
 * The account's marked equity in USDT (epoch ms from the API; lightweight-charts takes UTC seconds). The whole history
 * stays in view as the replay adds points, until the user zooms or scrolls: then their view is kept (new points
 * extend it on the right) and "Show all" fits the history again. The visible range is mirrored in
 * data-visible-from/to (epoch ms) so tests can read what is on screen.
 */
export function PaperEquityChart({ points, startingEquity }: { points: readonly { time: number; equity: number }[]; startingEquity: number }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<"Area"> | null>(null);
  /** How many points the chart holds: a resize and "Show all" fit to them. */
  const pointsRef = useRef(0);
  // A ref for the data effect (it must not re-run on a view change), a state for the "Show all" button.
  const userViewRef = useRef(false);
  const [userView, setUserView] = useState(false);
  const chooseView = useCallback((chosen: boolean) => {
    userViewRef.current = chosen;
    setUserView(chosen);
  }, []);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const base = chartOptions(220);
    const c = createChart(el, {
      ...base,
      localization: { ...base.localization, priceFormatter: (p: number) => p.toFixed(2) },
      timeScale: { ...base.timeScale, minBarSpacing: WHOLE_HISTORY_BAR_SPACING },
    });
    const unfollowTheme = followTheme(c);
    series.current = c.addSeries(AreaSeries, { lineColor: CHART_COLORS.accent, topColor: "rgba(88,166,255,0.25)", bottomColor: "rgba(88,166,255,0.02)", lineWidth: 2 });
    series.current.createPriceLine({ price: startingEquity, color: CHART_COLORS.text, lineStyle: 2, lineWidth: 1, axisLabelVisible: false, title: "start" });
    chart.current = c;
    const mirror = () => {
      const range = c.timeScale().getVisibleRange();
      if (!range) return;
      el.dataset.visibleFrom = String(fromChartTime(range.from));
      el.dataset.visibleTo = String(fromChartTime(range.to));
    };
    c.timeScale().subscribeVisibleTimeRangeChange(mirror);
    // Only a person's wheel or drag counts as choosing a view; the chart's own fitting does not.
    const wheel = () => chooseView(true);
    const drag = (e: PointerEvent) => {
      if (e.buttons !== 0) chooseView(true);
    };
    el.addEventListener("wheel", wheel, { passive: true });
    el.addEventListener("pointermove", drag);
    // A new width (a window resized, a phone turned) keeps the bar spacing and would cut the history: fit again once
    // the chart has applied it, unless the user chose a view.
    const resized = () => {
      if (!userViewRef.current) fitWithMargins(c, pointsRef.current);
    };
    c.timeScale().subscribeSizeChange(resized);
    return () => {
      c.timeScale().unsubscribeSizeChange(resized);
      el.removeEventListener("wheel", wheel);
      el.removeEventListener("pointermove", drag);
      c.timeScale().unsubscribeVisibleTimeRangeChange(mirror);
      unfollowTheme();
      c.remove();
      chart.current = null;
      series.current = null;
    };
  }, [startingEquity, chooseView]);

  useEffect(() => {
    if (!series.current) return;
    series.current.setData(points.map((p) => ({ time: toChartTime(p.time), value: p.equity })));
    pointsRef.current = points.length;
    if (!userViewRef.current && chart.current) fitWithMargins(chart.current, points.length);
  }, [points, startingEquity]);

  const showAll = () => {
    chooseView(false);
    if (chart.current) fitWithMargins(chart.current, pointsRef.current);
  };

  return (
    <div>
      <div ref={container} className="paper-chart" data-testid="paper-equity-chart" data-points={points.length} data-first={points[0]?.time} data-last={points[points.length - 1]?.time} data-user-view={userView} />
      <p className="muted small paper-chart-foot">
        Marked equity, USDT · {points.length === 0 ? "no marks yet: the first comes with the account's first closed bar" : `${points.length} points`}
        {points.length === 0 ? null : userView ? (
          <>
            {" · "}
            <button type="button" className="link-button" data-testid="paper-equity-show-all" onClick={showAll}>
              Show all
            </button>
          </>
        ) : (
          " · whole history"
        )}
      </p>
    </div>
  );
}
