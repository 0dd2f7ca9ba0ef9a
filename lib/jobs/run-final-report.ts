import path from "node:path";
import type { Database } from "@/db/client";
import { loadCoverage } from "@/db/queries/coverage";
import { listHypotheses } from "@/db/queries/hypotheses";
import { saveReport } from "@/db/queries/research-reports";
import { compareWithExpectations, deploymentPlan, portfolioFigures, SEED_EXPECTATIONS } from "@/lib/analysis/deployment-plan";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import { portfolioSettingsFromConfig } from "@/lib/backtest/config-settings";
import { runPortfolio, type PortfolioLeg } from "@/lib/backtest/run-portfolio";
import type { AppConfig } from "@/lib/config-schema";
import { buildLeg } from "@/lib/hypothesis-runs/build-leg";
import { ResearchCache } from "@/lib/hypothesis-runs/research-cache";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";
import { loadMarketBundle } from "./load-market-bundle";
import type { AnalysisReport } from "./run-analysis";
import { writeResultFile } from "./write-result-file";

export const FINAL_REPORT_FILE = path.join("results", "final_report.json");

function groupPerformance(entries: readonly EdgeReportEntry[]) {
  const byTf = new Map<string, EdgeReportEntry[]>();
  for (const e of entries) byTf.set(e.timeframe, [...(byTf.get(e.timeframe) ?? []), e]);
  const summarise = (list: readonly EdgeReportEntry[]) => {
    const trades = list.reduce((n, e) => n + e.full.metrics.trades, 0);
    const wins = list.reduce((n, e) => n + e.full.metrics.wins, 0);
    return { passing: list.length, trades, winRate: trades > 0 ? wins / trades : null };
  };
  return { perTimeframe: Object.fromEntries([...byTf].map(([tf, list]) => [tf, summarise(list)])), combined: summarise(entries) };
}

/**
 * The pipeline's conclusion: what ran and on which data, how the passing set performed per timeframe and together on
 * one account under the risk manager (beside the seed's expectations), and what to paper-trade — or plainly nothing.
 */
export async function runFinalReport(
  db: Database,
  config: AppConfig,
  input: { phases: { phase: string; durationMs: number }[]; analysis: Omit<AnalysisReport, "file">; quick?: boolean; resultsDir?: string },
): Promise<{ file: string; body: Record<string, unknown> }> {
  const passing = input.analysis.edge.entries.filter((e) => e.overall === "pass");
  const plan = deploymentPlan(passing, input.analysis.edge.trials);

  let portfolio: Record<string, unknown> | null = null;
  if (passing.length > 0) {
    const hypotheses = new Map((await listHypotheses(db, [...new Set(passing.map((p) => p.hypothesisId))])).map((h) => [h.id, h]));
    const legs: PortfolioLeg[] = [];
    for (const symbol of [...new Set(passing.map((p) => p.symbol))].sort()) {
      const range = { fromMs: Math.min(...passing.map((p) => p.fromTime)), toMs: Math.max(...passing.map((p) => p.toTime)) };
      const bundle = await loadMarketBundle(db, symbol, ["1m", ...TRADING_TIMEFRAMES], range);
      const cache = new ResearchCache(config.regime);
      for (const entry of passing.filter((p) => p.symbol === symbol)) {
        const h = hypotheses.get(entry.hypothesisId);
        if (h) legs.push({ ...buildLeg(h, bundle, cache), id: `${h.name}@${symbol}` });
      }
    }
    const result = runPortfolio(legs, portfolioSettingsFromConfig(config));
    const from = Math.min(...passing.map((p) => p.fromTime));
    const to = Math.max(...passing.map((p) => p.toTime));
    const figures = portfolioFigures(result.metrics, to - from);
    portfolio = {
      legs: legs.map((l) => l.id),
      figures,
      versusSeedExpectations: compareWithExpectations(figures),
      blockedEntries: result.blocked,
      drawdownHaltAt: result.drawdownTrippedAt === null ? null : new Date(result.drawdownTrippedAt).toISOString(),
      metrics: result.metrics,
    };
  }

  const coverage = await loadCoverage(db);
  const body = {
    generatedAt: new Date().toISOString(),
    // A quick run's report is a smoke test: every page that shows it says so.
    quick: input.quick ?? false,
    execution: {
      phases: input.phases,
      dataCoverage: coverage.map((c) => ({ symbol: c.symbol, timeframe: c.timeframe, first: new Date(c.first).toISOString(), last: new Date(c.last).toISOString(), rows: c.rows, missingBars: c.missingBars })),
      trials: input.analysis.edge.trials,
      passed: passing.length,
    },
    performanceOfPassing: groupPerformance(passing),
    portfolio,
    seedExpectations: SEED_EXPECTATIONS,
    recommendations: plan,
  };
  await saveReport(db, "final_report", input.analysis.batchId, body);
  const file = path.join(input.resultsDir ?? ".", FINAL_REPORT_FILE);
  writeResultFile(file, `${JSON.stringify(body, null, 2)}\n`);
  return { file, body };
}
