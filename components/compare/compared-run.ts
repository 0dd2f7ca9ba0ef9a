import type { Metrics } from "@/lib/backtest/metrics/types";

/** One run on the compare page: its letter and colour (the same in tables, chart and legend) and its figures. */
export interface ComparedRun {
  id: string;
  letter: string;
  color: string;
  title: string;
  fromTime: number;
  toTime: number;
  startingEquity: number | null;
  metrics: Metrics;
}

/** Six colours told apart on the dark chart: blue, amber, violet, green, salmon, teal. */
export const RUN_COLORS = ["#58a6ff", "#d29922", "#d2a8ff", "#56d364", "#ff7b72", "#39c5cf"] as const;

export const runLetter = (i: number) => String.fromCharCode(65 + i);
