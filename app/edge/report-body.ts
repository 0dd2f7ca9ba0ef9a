import type { AnalysisReport } from "@/lib/jobs/run-analysis";
import type { DeploymentPlan } from "@/lib/analysis/deployment-plan";
import type { EdgeReport, EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { WalkForwardSettings } from "@/lib/analysis/walk-forward-stability";

export type StoredAnalysis = Omit<AnalysisReport, "file">;

/** The stored analysis body, checked for the parts the pages read (an older or foreign body is treated as absent). */
export function asAnalysis(body: unknown): StoredAnalysis | null {
  if (typeof body !== "object" || body === null || !("edge" in body)) return null;
  const edge = (body as { edge: unknown }).edge;
  if (typeof edge !== "object" || edge === null || !Array.isArray((edge as { entries?: unknown }).entries)) return null;
  return body as StoredAnalysis;
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
  execution: { phases: { phase: string; durationMs: number }[]; trials: number; passed: number; dataCoverage: { symbol: string; timeframe: string; first: string; last: string; rows: number; missingBars: number }[] };
  performanceOfPassing: { perTimeframe: Record<string, { passing: number; trades: number; winRate: number | null }>; combined: { passing: number; trades: number; winRate: number | null } };
  portfolio: { legs: string[]; figures: { winRate: number | null; profitFactor: number | null; profitFactorUnbounded: boolean; monthlyReturn: number | null; maxDrawdown: number; tradesPerMonth: number }; versusSeedExpectations: { metric: string; measured: number | null; expected: string; meets: boolean | null }[] } | null;
  recommendations: DeploymentPlan;
}

export function asFinalReport(body: unknown): FinalReportBody | null {
  if (typeof body !== "object" || body === null || !("execution" in body) || !("recommendations" in body)) return null;
  return body as FinalReportBody;
}
