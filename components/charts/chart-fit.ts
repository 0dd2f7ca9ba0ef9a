import type { IChartApi } from "lightweight-charts";

/**
 * Fitting a whole history needs bars narrower than the library's default minimum (0.5 px), which caps a fit at two
 * points per pixel: six stored curves of 1,500 points on a 390 px phone, or a month of paper marks, opened on their
 * newest part only (the compare chart a month in, a finished paper month on its last 19 days).
 */
export const WHOLE_HISTORY_BAR_SPACING = 0.001;

/** Room at each end so the first and last time labels (centred on their tick) are not cut by the canvas edge. */
const EDGE_PX = 28;

/**
 * The whole period in view with EDGE_PX of empty axis at either end, as a logical range over the chart's `bars` (the
 * union of the curves' times, which is how the chart indexes them). Set directly rather than read back after
 * fitContent, which the chart applies only at its next paint.
 */
export function fitWithMargins(chart: IChartApi, bars: number): void {
  const scale = chart.timeScale();
  const width = scale.width();
  if (bars < 2 || width <= 4 * EDGE_PX) {
    scale.fitContent();
    return;
  }
  const pad = ((bars - 1) * EDGE_PX) / (width - 2 * EDGE_PX);
  scale.setVisibleLogicalRange({ from: -pad, to: bars - 1 + pad });
}
