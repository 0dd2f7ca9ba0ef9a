import type { AnalysisReportBody, FinalReportBody } from "@/lib/contract/reports";

/** The stored analysis body, checked for the parts the pages read (an older or foreign body is treated as absent). */
export function asAnalysis(body: unknown): AnalysisReportBody | null {
  if (typeof body !== "object" || body === null || !("edge" in body)) return null;
  const edge = (body as { edge: unknown }).edge;
  if (typeof edge !== "object" || edge === null || !Array.isArray((edge as { entries?: unknown }).entries)) return null;
  return body as AnalysisReportBody;
}

/** The stored final report body, or null when it lacks the parts the overview reads. */
export function asFinalReport(body: unknown): FinalReportBody | null {
  if (typeof body !== "object" || body === null || !("execution" in body) || !("recommendations" in body)) return null;
  return body as FinalReportBody;
}
