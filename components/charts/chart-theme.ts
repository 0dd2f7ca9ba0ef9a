import { ColorType, type ChartOptions, type DeepPartial, type IChartApi, type Time } from "lightweight-charts";
import { THEME_CHANGE_EVENT } from "@/components/layout/theme-script";
import { formatUtc } from "@/lib/format";
import { fromChartTime } from "./chart-time";

/** The dark theme's values of app/styles/base.css, for the server (which has no document) and a page without them. */
const DARK_CHROME = { text: "#8b949e", grid: "#21262d", border: "#2a313c", volume: "rgba(139, 148, 158, 0.35)" } as const;

/** A theme variable of app/styles/base.css as the page shows it now (canvas drawing cannot read CSS variables itself). */
function themeColor(variable: string, fallback: string): string {
  if (typeof document === "undefined") return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || fallback;
}

/**
 * Chart colours. The chrome (axis text, grid, borders, volume) follows the light or dark theme and is read when a
 * chart is created; the series colours are mid-tones that read on both backgrounds, so a legend drawn on the
 * server matches its line in either theme.
 */
export const CHART_COLORS = {
  get text() {
    return themeColor("--muted", DARK_CHROME.text);
  },
  get grid() {
    return themeColor("--grid", DARK_CHROME.grid);
  },
  get border() {
    return themeColor("--border", DARK_CHROME.border);
  },
  get volume() {
    return themeColor("--volume", DARK_CHROME.volume);
  },
  up: "#3fb950",
  down: "#f85149",
  accent: "#58a6ff",
  warn: "#d29922",
  overlays: ["#d2a8ff", "#ffa657", "#79c0ff", "#56d364", "#ff7b72", "#e3b341"],
} as const;

/** The theme's part of a chart's options: axis text, grid and borders. */
function chromeOptions(): DeepPartial<ChartOptions> {
  return {
    layout: { textColor: CHART_COLORS.text },
    grid: { vertLines: { color: CHART_COLORS.grid }, horzLines: { color: CHART_COLORS.grid } },
    rightPriceScale: { borderColor: CHART_COLORS.border },
    leftPriceScale: { borderColor: CHART_COLORS.border },
    timeScale: { borderColor: CHART_COLORS.border },
  };
}

/** Shared look: the current theme's chrome, UTC axis with minutes, no watermark. */
export function chartOptions(height: number): DeepPartial<ChartOptions> {
  const chrome = chromeOptions();
  return {
    ...chrome,
    autoSize: true,
    height,
    layout: { ...chrome.layout, background: { type: ColorType.Solid, color: "transparent" }, attributionLogo: false },
    timeScale: { ...chrome.timeScale, timeVisible: true, secondsVisible: false },
    localization: { timeFormatter: (t: Time) => formatUtc(fromChartTime(t)) },
  };
}

/**
 * Repaints the chart's chrome when the theme toggle changes the theme (a canvas keeps the colours it was given);
 * returns the unsubscribe for the chart's cleanup.
 */
export function followTheme(chart: IChartApi): () => void {
  const repaint = () => chart.applyOptions(chromeOptions());
  window.addEventListener(THEME_CHANGE_EVENT, repaint);
  return () => window.removeEventListener(THEME_CHANGE_EVENT, repaint);
}
