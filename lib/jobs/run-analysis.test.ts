import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listTrades } from "@/db/queries/backtests";
import { listFilterVariantsOfBatch, loadTradeColumnsOfBatch } from "@/db/queries/backtest-views";
import { openTestDatabase } from "@/db/testing/test-databases";
import { compareFilter } from "@/lib/analysis/filter-comparison";
import { configSchema } from "@/lib/config-schema";
import { backtestSettingsFromConfig } from "@/lib/hypothesis-runs/backtest-settings";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";
import { withHigherTimeframeFilter } from "@/lib/signals/higher-timeframe-filter";
import { runHypotheses } from "@/lib/hypothesis-runs/run-hypotheses";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { generateMarketData } from "./generate-market-data";
import { stopJobQueue } from "./job-queue";
import { loadMarketBundle } from "./load-market-bundle";
import { type BacktestBatchReport, runBacktests } from "./run-backtests";
import { type AnalysisReport, EDGE_ANALYSIS_FILE, runAnalysis } from "./run-analysis";
import { startWorker } from "./worker-runtime";

const config = configSchema.parse({});
const noProgress = async () => {};
const SYMBOL = "BTCUSDT.P";

describe("analysis of a stored batch", () => {
  let handle: DatabaseHandle;
  let batch: BacktestBatchReport;
  let analysis: AnalysisReport;
  const hypotheses = discoverHypotheses(config, { quick: true });
  const resultsDir = mkdtempSync(path.join(tmpdir(), "pel-analysis-"));

  beforeAll(async () => {
    handle = await openTestDatabase();
    await generateMarketData(handle.db, { seed: 5, months: 1, symbols: [SYMBOL], endMs: Date.UTC(2026, 9, 1) }, noProgress);
    await startWorker(handle, { jobs: 0 });
    batch = await runBacktests(handle.db, config, { label: "analysis", symbols: [SYMBOL] }, { progress: noProgress, hypotheses, resultsDir, queueUrl: handle.url });
    analysis = await runAnalysis(handle.db, config, { batchId: batch.batchId, progress: noProgress, resultsDir });
  }, 120_000);
  afterAll(async () => {
    await stopJobQueue();
    await handle?.close();
  });

  it("reads the backtest tasks' variants: each as a backtest of the variant alone gives it", async () => {
    const variants = await listFilterVariantsOfBatch(handle.db, batch.batchId);
    const bundle = await loadMarketBundle(handle.db, SYMBOL, ["1m", ...TRADING_TIMEFRAMES]);
    const settings = backtestSettingsFromConfig(config);
    for (const run of batch.runs) {
      const h = hypotheses.find((x) => x.id === run.hypothesisId);
      const variant = h ? withHigherTimeframeFilter(h) : undefined;
      const row = analysis.crossTimeframe.find((c) => c.hypothesisId === run.hypothesisId && c.symbol === run.symbol);
      if (!h || !variant) {
        expect([variants.has(run.runId), row], `${run.hypothesisName} (${run.timeframe}) has no variant`).toEqual([false, undefined]);
        continue;
      }
      const alone = runHypotheses(bundle, [variant], settings, config.regime)[0]?.trades ?? [];
      const filter = variant.entryConditions.slice(h.entryConditions.length);
      expect(variants.get(run.runId), run.hypothesisName).toEqual({ hypothesisId: variant.id, filter, netPnl: alone.map((t) => t.netPnl) });
      expect(row?.filter).toEqual(filter);
      expect(row?.comparison, "the comparison the analysis made when it re-ran the variant").toEqual(compareFilter(await listTrades(handle.db, run.runId), alone));
    }
    expect(analysis.crossTimeframe.length, "the quick catalog has hypotheses below 30m").toBeGreaterThan(0);
  });

  it("loads each run's trades as columns equal to the stored rows", async () => {
    const columns = await loadTradeColumnsOfBatch(handle.db, batch.batchId);
    for (const run of batch.runs) {
      const rows = await listTrades(handle.db, run.runId);
      const c = columns.get(run.runId);
      expect(Array.from(c?.netPnl ?? []), run.hypothesisName).toEqual(rows.map((t) => t.netPnl));
      expect(Array.from(c?.entryTime ?? [])).toEqual(rows.map((t) => t.entryTime));
      expect(Array.from(c?.exitTime ?? [])).toEqual(rows.map((t) => t.exitTime));
      expect(Array.from(c?.slippage ?? [])).toEqual(rows.map((t) => t.slippage));
    }
  });

  it("writes every trial's walk-forward windows and their stability into the results file", () => {
    const file = JSON.parse(readFileSync(path.join(resultsDir, EDGE_ANALYSIS_FILE), "utf8")) as { edge: AnalysisReport["edge"] };
    expect(file.edge.walkForward).toEqual(config.walkForward);
    expect(file.edge.entries).toHaveLength(batch.runs.length);
    for (const e of file.edge.entries) {
      expect(e.walkForward.windows.map((w) => w.index)).toEqual([0, 1, 2, 3]);
      expect(e.walkForward.stability.windows).toBe(4);
      expect(e.walkForward.windows.reduce((n, w) => n + w.metrics.trades, 0), "the test windows hold at most the run's trades").toBeLessThanOrEqual(e.full.metrics.trades);
    }
  });
});
