import path from "node:path";
import { z } from "zod";
import type { Database } from "@/db/client";
import { getBatch, latestBatch, listRuns } from "@/db/queries/backtests";
import { listTradesOfBatch, loadEquityOfBatch } from "@/db/queries/backtest-views";
import { listHypotheses } from "@/db/queries/hypotheses";
import { saveReport } from "@/db/queries/research-reports";
import { buildEdgeReport, type EdgeReport, type EdgeReportRun } from "@/lib/analysis/edge-report";
import { compareFilter, type FilterComparison } from "@/lib/analysis/filter-comparison";
import { fundingCostShare, type FundingCostShare } from "@/lib/analysis/funding-cost-share";
import { fundingReversalStudy, type FundingStudy } from "@/lib/analysis/funding-study";
import type { Metrics } from "@/lib/backtest/metrics/types";
import type { AppConfig } from "@/lib/config-schema";
import { tradingTimeframeSchema } from "@/lib/config-schema";
import { withHigherTimeframeFilter } from "@/lib/research/higher-timeframe-filter";
import { requireSeries } from "@/lib/research/market-bundle";
import { backtestSettingsFromConfig } from "@/lib/research/backtest-settings";
import type { HypothesisRun } from "@/lib/research/run-hypotheses";
import { loadMarketBundle } from "./load-market-bundle";
import type { ProgressReporter } from "./progress-reporter";
import type { BacktestTask } from "./workers/backtest-task";
import { runBacktestTasks } from "./workers/run-backtest-tasks";
import { writeResultFile } from "./write-result-file";

const batchFeesSchema = z.object({ fees: z.object({ taker: z.number(), maker: z.number() }) });

export const EDGE_ANALYSIS_FILE = path.join("results", "analysis", "edge_analysis_multiframe.json");

export interface CrossTimeframeRow {
  hypothesisId: string;
  hypothesisName: string;
  timeframe: string;
  symbol: string;
  filter: string[];
  comparison: FilterComparison;
}

export interface AnalysisReport {
  batchId: string;
  edge: EdgeReport;
  crossTimeframe: CrossTimeframeRow[];
  funding: { symbol: string; study: FundingStudy }[];
  fundingCostShare: FundingCostShare[];
  file: string;
}

/**
 * Edge analysis of a stored backtest batch (the latest by default): thresholds in and out of sample, deflated Sharpe
 * over every trial, bootstrap intervals, cross-instrument consistency; then the cross-timeframe filter comparison, the
 * funding-rate study and funding's share of costs. Stored in the database and written to the analysis file.
 */
export async function runAnalysis(
  db: Database,
  config: AppConfig,
  options: { batchId?: string; progress: ProgressReporter; resultsDir?: string },
): Promise<AnalysisReport> {
  const batch = options.batchId ? await getBatch(db, options.batchId) : await latestBatch(db);
  if (!batch) throw new Error("No finished backtest to analyse: run the backtest phase first (npm run pipeline -- --mode backtest)");
  const runs = (await listRuns(db, batch.id)).filter((r) => r.kind === "single" && r.hypothesisId);
  const hypotheses = new Map((await listHypotheses(db, [...new Set(runs.map((r) => r.hypothesisId ?? ""))])).map((h) => [h.id, h]));
  const { startingEquity } = backtestSettingsFromConfig(config);

  const steps = runs.length + 3;
  let done = 0;
  await options.progress(done, steps, "loading runs");
  // Two queries for the whole batch rather than two per run.
  const tradesByRun = await listTradesOfBatch(db, batch.id);
  const equityByRun = await loadEquityOfBatch(db, batch.id);
  await options.progress(++done, steps, "loading runs");
  const edgeRuns: EdgeReportRun[] = runs.map((run) => {
    const trades = tradesByRun.get(run.id) ?? [];
    const equity = equityByRun.get(run.id);
    const hypothesis = hypotheses.get(run.hypothesisId ?? "");
    return {
      hypothesis: { id: run.hypothesisId ?? "", name: run.hypothesisName, timeframe: tradingTimeframeSchema.parse(run.timeframe), direction: hypothesis?.direction ?? "long", expectedAccuracy: hypothesis?.expectedAccuracy ?? null },
      symbol: run.symbol,
      trades: trades.map((t) => ({ entryTime: t.entryTime, exitTime: t.exitTime, netPnl: t.netPnl, r: t.r, entryFee: t.entryFee, exitFee: t.exitFee, funding: t.funding, slippageCost: t.slippage })),
      startingEquity,
      fromTime: run.fromTime,
      toTime: run.toTime,
      equity: { time: Array.from(equity?.time ?? []), equity: Array.from(equity?.equity ?? []) },
    };
  });
  const edge = buildEdgeReport(edgeRuns, { thresholds: config.edgeThresholds });
  await options.progress(++done, steps, "edge analysis");

  // Cross-timeframe validation: the same hypotheses again with the higher-timeframe filter, on the same data.
  const symbols = [...new Set(runs.map((r) => r.symbol))].sort();
  const filtered = [...hypotheses.values()].flatMap((h) => {
    const variant = withHigherTimeframeFilter(h);
    return variant ? [{ original: h, variant }] : [];
  });
  // Re-run the filtered variants at the fees the batch itself used (a dashboard backtest may have overridden them).
  const batchFees = batchFeesSchema.safeParse(batch.settings);
  const settings = { ...backtestSettingsFromConfig(config), ...(batchFees.success ? { fees: batchFees.data.fees } : {}) };
  const range = { fromMs: Math.min(...runs.map((r) => r.fromTime)), toMs: Math.max(...runs.map((r) => r.toTime)) };
  const tasks: BacktestTask[] = [];
  const funding: AnalysisReport["funding"] = [];
  const variants = filtered.map((f) => f.variant);
  const variantTimeframes = [...new Set(variants.map((v) => v.timeframe))];
  for (const symbol of symbols) {
    const bundle = await loadMarketBundle(db, symbol, ["1m", "2m", "5m", "15m", "30m"], range);
    // One task per timeframe, as the backtest phase splits them, so both threads stay busy.
    for (const tf of variantTimeframes) tasks.push({ id: tasks.length, bundle, hypotheses: variants.filter((v) => v.timeframe === tf), settings, regime: config.regime });
    if (bundle.funding.length > 1) funding.push({ symbol, study: fundingReversalStudy(bundle.funding, requireSeries(bundle, "5m")) });
  }
  const variantRuns: HypothesisRun[] = [];
  await runBacktestTasks(tasks, (run) => {
    variantRuns.push(run);
    return options.progress(++done, steps, `cross-timeframe: ${run.hypothesisName} on ${run.symbol}`);
  });
  const crossTimeframe: CrossTimeframeRow[] = [];
  for (const { original, variant } of filtered) {
    for (const symbol of symbols) {
      const base = runs.find((r) => r.hypothesisId === original.id && r.symbol === symbol);
      const withFilter = variantRuns.find((r) => r.hypothesisId === variant.id && r.symbol === symbol);
      if (!base || !withFilter) continue;
      crossTimeframe.push({
        hypothesisId: original.id,
        hypothesisName: original.name,
        timeframe: original.timeframe,
        symbol,
        filter: variant.entryConditions.slice(original.entryConditions.length),
        comparison: compareFilter(tradesByRun.get(base.id) ?? [], withFilter.trades),
      });
    }
  }
  crossTimeframe.sort((a, b) => a.timeframe.localeCompare(b.timeframe) || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol));
  const costShare = fundingCostShare(runs.map((r) => ({ timeframe: r.timeframe, metrics: r.metrics as Metrics })));
  await options.progress(steps, steps, "done");

  const body = { batchId: batch.id, edge, crossTimeframe, funding, fundingCostShare: costShare };
  await saveReport(db, "edge_analysis", batch.id, body);
  const file = path.join(options.resultsDir ?? ".", EDGE_ANALYSIS_FILE);
  // The file leaves out the batch id so the same data gives the same file.
  writeResultFile(file, `${JSON.stringify({ edge, crossTimeframe, funding, fundingCostShare: costShare }, null, 2)}\n`);
  return { ...body, file };
}

