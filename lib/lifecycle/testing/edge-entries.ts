import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { buildEdgeReport, type EdgeReportEntry, type EdgeReportRun } from "@/lib/analysis/edge-report";
import { D0, dailyTrades } from "@/lib/analysis/testing/test-trades";
import { configSchema } from "@/lib/config-schema";

const thresholds = configSchema.parse({}).edgeThresholds;
/** Patterns of daily trade PnL the edge analysis passes (steady winner) and fails (steady loser). */
const PASSING = [30, 30, -10, 30];
const FAILING = [10, -20, -20];

/**
 * Real edge analysis entries for lifecycle tests: one hypothesis × instrument per `pairs` item, judged together by
 * buildEdgeReport on 100 days of daily test trades, so the verdicts are the analysis's own.
 */
export function edgeEntries(pairs: readonly { id: string; symbol: string; edge: "pass" | "fail" }[]): EdgeReportEntry[] {
  const runs: EdgeReportRun[] = pairs.map((p) => ({
    hypothesis: { id: p.id, name: `Hypothesis ${p.id}`, timeframe: "15m", direction: "long", expectedAccuracy: null },
    symbol: p.symbol,
    trades: dailyTrades(0, 100, p.edge === "pass" ? PASSING : FAILING),
    startingEquity: 10_000,
    fromTime: D0,
    toTime: D0 + 100 * DAY_MS,
  }));
  return buildEdgeReport(runs, { thresholds, bootstrap: { resamples: 100 } }).entries;
}
