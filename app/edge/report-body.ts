import type { AnalysisReport } from "@/lib/jobs/run-analysis";
import type { DeploymentPlan } from "@/lib/analysis/deployment-plan";

export type StoredAnalysis = Omit<AnalysisReport, "file">;

/** The stored analysis body, checked for the parts the pages read (an older or foreign body is treated as absent). */
export function asAnalysis(body: unknown): StoredAnalysis | null {
  if (typeof body !== "object" || body === null || !("edge" in body)) return null;
  const edge = (body as { edge: unknown }).edge;
  if (typeof edge !== "object" || edge === null || !Array.isArray((edge as { entries?: unknown }).entries)) return null;
  return body as StoredAnalysis;
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
