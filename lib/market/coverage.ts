import { timeframeMs, type Timeframe } from "./timeframe";

export interface CoverageSummary {
  symbol: string;
  timeframe: Timeframe;
  first: number;
  last: number;
  rows: number;
  /** Bars the span should hold but the store lacks: (last − first) / bar + 1 − rows. */
  missingBars: number;
}

export function summarizeCoverage(row: { symbol: string; timeframe: Timeframe; first: number; last: number; rows: number }): CoverageSummary {
  const expected = Math.floor((row.last - row.first) / timeframeMs(row.timeframe)) + 1;
  return { ...row, missingBars: Math.max(0, expected - row.rows) };
}
