import { ColorType, type ChartOptions, type DeepPartial, type Time } from "lightweight-charts";
import { formatUtc } from "@/lib/format";
import { fromChartTime } from "./chart-time";

/** Colours from app/globals.css (canvas drawing cannot read CSS variables). */
export const CHART_COLORS = {
  text: "#8b949e",
  grid: "#21262d",
  border: "#2a313c",
  up: "#3fb950",
  down: "#f85149",
  accent: "#58a6ff",
  warn: "#d29922",
  volume: "rgba(139, 148, 158, 0.35)",
  overlays: ["#d2a8ff", "#ffa657", "#79c0ff", "#56d364", "#ff7b72", "#e3b341"],
} as const;

/** Shared look: dark, UTC axis with minutes, no watermark. */
export function chartOptions(height: number): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    height,
    layout: { background: { type: ColorType.Solid, color: "transparent" }, textColor: CHART_COLORS.text, attributionLogo: false },
    grid: { vertLines: { color: CHART_COLORS.grid }, horzLines: { color: CHART_COLORS.grid } },
    rightPriceScale: { borderColor: CHART_COLORS.border },
    timeScale: { borderColor: CHART_COLORS.border, timeVisible: true, secondsVisible: false },
    localization: { timeFormatter: (t: Time) => formatUtc(fromChartTime(t)) },
  };
}
