import type { DeploymentPlan } from "@/lib/analysis/deployment-plan";
import type { EdgeReport, EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { FilterComparison } from "@/lib/analysis/filter-comparison";
import type { FundingCostShare } from "@/lib/analysis/funding-cost-share";
import type { FundingStudy } from "@/lib/analysis/funding-study";
import type { WalkForwardSettings } from "@/lib/analysis/walk-forward-stability";
import type { LearningReport } from "@/lib/learning/learning-report";

/**
 * Stored report bodies as the pages read them. Pages render them on the server and hand parts to components, so
 * they are types rather than schemas: db/queries/report-body.ts checks a body before a page trusts it.
 */

/** One hypothesis run with and without its higher-timeframe filter (lib/jobs/run-analysis.ts writes it). */
export interface CrossTimeframeRow {
  hypothesisId: string;
  hypothesisName: string;
  timeframe: string;
  symbol: string;
  filter: string[];
  comparison: FilterComparison;
}

/** The stored edge analysis (lib/jobs/run-analysis.ts writes it, with the path of its result file besides). */
export interface AnalysisReportBody {
  batchId: string;
  /** From a quick pipeline run (a subset on the last two weeks); absent in reports stored before the flag existed. */
  quick?: boolean;
  edge: EdgeReport;
  crossTimeframe: CrossTimeframeRow[];
  funding: { symbol: string; study: FundingStudy }[];
  fundingCostShare: FundingCostShare[];
  /** What the learning phase made of the batch; absent before it existed, or when it did not run. */
  learning?: LearningReport;
}

/** An entry's walk-forward windows, or null in an analysis stored before they were part of the report. */
export function walkForwardOf(entry: EdgeReportEntry): EdgeReportEntry["walkForward"] | null {
  return "walkForward" in entry ? entry.walkForward : null;
}

/** The walk-forward settings an analysis was judged with, or null in one stored before they existed. */
export function walkForwardSettingsOf(edge: EdgeReport): WalkForwardSettings | null {
  return "walkForward" in edge ? edge.walkForward : null;
}

/** The parts of the stored final report (lib/jobs/run-final-report.ts) the overview reads. */
export interface FinalReportBody {
  generatedAt: string;
  /** From a quick pipeline run (a subset on the last two weeks); absent in reports stored before the flag existed. */
  quick?: boolean;
  execution: { phases: { phase: string; durationMs: number }[]; trials: number; passed: number; dataCoverage: { symbol: string; timeframe: string; first: string; last: string; rows: number; missingBars: number }[] };
  performanceOfPassing: { perTimeframe: Record<string, { passing: number; trades: number; winRate: number | null }>; combined: { passing: number; trades: number; winRate: number | null } };
  portfolio: { legs: string[]; figures: { winRate: number | null; profitFactor: number | null; profitFactorUnbounded: boolean; monthlyReturn: number | null; maxDrawdown: number; tradesPerMonth: number }; versusSeedExpectations: { metric: string; measured: number | null; expected: string; meets: boolean | null }[] } | null;
  recommendations: DeploymentPlan;
}
