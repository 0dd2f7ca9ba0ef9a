import path from "node:path";
import type { Database } from "@/db/client";
import { getBatch, latestBatch, listRuns } from "@/db/queries/backtests";
import { listFilterVariantsOfBatch, loadEquityOfBatch, loadTradeColumnsOfBatch, type TradeColumns } from "@/db/queries/backtest-views";
import { listHypotheses } from "@/db/queries/hypotheses";
import { latestReport, saveReport } from "@/db/queries/research-reports";
import { buildEdgeReport, type EdgeReportRun } from "@/lib/analysis/edge-report";
import { compareFilter } from "@/lib/analysis/filter-comparison";
import { fundingCostShare } from "@/lib/analysis/funding-cost-share";
import { fundingReversalStudy } from "@/lib/analysis/funding-study";
import type { AnalysisTrade } from "@/lib/analysis/types";
import type { Metrics } from "@/lib/backtest/metrics/types";
import type { LearningReport } from "@/lib/learning/learning-report";
import type { AppConfig } from "@/lib/config-schema";
import type { AnalysisReportBody, CrossTimeframeRow } from "@/lib/contract/reports";
import { tradingTimeframeSchema } from "@/lib/market/timeframe";
import { requireSeries } from "@/lib/hypothesis-runs/market-bundle";
import { backtestSettingsFromConfig } from "@/lib/hypothesis-runs/backtest-settings";
import { loadMarketBundle } from "./load-market-bundle";
import type { ProgressReporter } from "./progress-reporter";
import { writeResultFile } from "./write-result-file";

export const EDGE_ANALYSIS_FILE = path.join("results", "analysis", "edge_analysis_multiframe.json");

/** The stored analysis is the contract's body (the pages read it back) plus the path of its results file. */
export type AnalysisReport = AnalysisReportBody & { file: string };

/** A run's stored trade columns as the analysis reads them. */
function analysisTrades(columns: TradeColumns | undefined): AnalysisTrade[] {
  if (!columns) return [];
  const { entryTime, exitTime, netPnl, r, entryFee, exitFee, funding, slippage } = columns;
  return Array.from(netPnl, (pnl, i) => ({
    entryTime: entryTime[i] ?? Number.NaN,
    exitTime: exitTime[i] ?? Number.NaN,
    netPnl: pnl,
    r: r[i] ?? Number.NaN,
    entryFee: entryFee[i] ?? Number.NaN,
    exitFee: exitFee[i] ?? Number.NaN,
    funding: funding[i] ?? Number.NaN,
    slippageCost: slippage[i] ?? Number.NaN,
  }));
}

/**
 * Edge analysis of a stored backtest batch (the latest by default): thresholds in and out of sample, walk-forward
 * windows, deflated Sharpe over every trial, bootstrap intervals, cross-instrument consistency; then the
 * cross-timeframe filter comparison (against the variants the backtest tasks ran beside each hypothesis), the
 * funding-rate study and funding's share of costs. Stored in the database and written to the analysis file.
 */
export async function runAnalysis(
  db: Database,
  config: AppConfig,
  options: { batchId?: string; quick?: boolean; progress: ProgressReporter; resultsDir?: string },
): Promise<AnalysisReport> {
  const batch = options.batchId ? await getBatch(db, options.batchId) : await latestBatch(db);
  if (!batch) throw new Error("No finished backtest to analyse: run the backtest phase first (npm run pipeline -- --mode backtest)");
  const runs = (await listRuns(db, batch.id)).filter((r) => r.kind === "single" && r.hypothesisId);
  const hypotheses = new Map((await listHypotheses(db, [...new Set(runs.map((r) => r.hypothesisId ?? ""))])).map((h) => [h.id, h]));
  const { startingEquity } = backtestSettingsFromConfig(config);

  const steps = 4;
  let done = 0;
  await options.progress(done, steps, "loading runs");
  // One query each for the whole batch rather than one per run.
  const tradesByRun = await loadTradeColumnsOfBatch(db, batch.id);
  const equityByRun = await loadEquityOfBatch(db, batch.id);
  const variantByRun = await listFilterVariantsOfBatch(db, batch.id);
  await options.progress(++done, steps, "edge analysis");
  const edgeRuns: EdgeReportRun[] = runs.map((run) => {
    const equity = equityByRun.get(run.id);
    const hypothesis = hypotheses.get(run.hypothesisId ?? "");
    return {
      hypothesis: { id: run.hypothesisId ?? "", name: run.hypothesisName, timeframe: tradingTimeframeSchema.parse(run.timeframe), direction: hypothesis?.direction ?? "long", expectedAccuracy: hypothesis?.expectedAccuracy ?? null },
      symbol: run.symbol,
      trades: analysisTrades(tradesByRun.get(run.id)),
      startingEquity,
      fromTime: run.fromTime,
      toTime: run.toTime,
      equity: { time: Array.from(equity?.time ?? []), equity: Array.from(equity?.equity ?? []) },
    };
  });
  const edge = buildEdgeReport(edgeRuns, { thresholds: config.edgeThresholds, walkForward: config.walkForward });
  await options.progress(++done, steps, "cross-timeframe");

  // Cross-timeframe validation: each run beside its higher-timeframe variant, backtested in the same task.
  const crossTimeframe: CrossTimeframeRow[] = runs.flatMap((run, k) => {
    const variant = variantByRun.get(run.id);
    if (!variant) return [];
    return [
      {
        hypothesisId: run.hypothesisId ?? "",
        hypothesisName: run.hypothesisName,
        timeframe: run.timeframe,
        symbol: run.symbol,
        filter: variant.filter,
        comparison: compareFilter(edgeRuns[k]?.trades ?? [], variant.netPnl.map((netPnl) => ({ netPnl }))),
      },
    ];
  });
  crossTimeframe.sort((a, b) => a.timeframe.localeCompare(b.timeframe) || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol));
  await options.progress(++done, steps, "funding study");

  const symbols = [...new Set(runs.map((r) => r.symbol))].sort();
  const range = { fromMs: Math.min(...runs.map((r) => r.fromTime)), toMs: Math.max(...runs.map((r) => r.toTime)) };
  const funding: AnalysisReport["funding"] = [];
  for (const symbol of symbols) {
    const bundle = await loadMarketBundle(db, symbol, ["5m"], range);
    if (bundle.funding.length > 1) funding.push({ symbol, study: fundingReversalStudy(bundle.funding, requireSeries(bundle, "5m")) });
  }
  const costShare = fundingCostShare(runs.map((r) => ({ timeframe: r.timeframe, metrics: r.metrics as Metrics })));
  await options.progress(steps, steps, "done");

  // The learning phase's comparisons (each variant beside what it learned from), shown with the variants' verdicts.
  const learning = (await latestReport(db, "learning", batch.id))?.body as LearningReport | undefined;
  const body = { batchId: batch.id, quick: options.quick ?? false, edge, crossTimeframe, funding, fundingCostShare: costShare, ...(learning ? { learning } : {}) };
  await saveReport(db, "edge_analysis", batch.id, body);
  const file = path.join(options.resultsDir ?? ".", EDGE_ANALYSIS_FILE);
  // The file leaves out the batch id so the same data gives the same file.
  writeResultFile(file, `${JSON.stringify({ edge, crossTimeframe, funding, fundingCostShare: costShare, ...(learning ? { learning: { ...learning, batchId: undefined, durationMs: undefined } } : {}) }, null, 2)}\n`);
  return { ...body, file };
}

