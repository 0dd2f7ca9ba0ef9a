import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { SegmentMetrics } from "@/lib/analysis/segment-metrics";
import type { ResearchEvidence } from "./move-evidence";

const segment = (m: SegmentMetrics) => ({ trades: m.trades, winRate: m.winRate, profitFactor: m.profitFactor, sharpe: m.sharpe });

/** The numbers of an edge analysis entry the audit trail keeps beside a move. */
export function researchEvidenceOf(entry: EdgeReportEntry, batchId: string | null): ResearchEvidence {
  return {
    kind: "research",
    batchId,
    overall: entry.overall,
    reasons: [...entry.overallReasons],
    fromTime: entry.fromTime,
    toTime: entry.toTime,
    inSample: segment(entry.inSample.metrics),
    outOfSample: segment(entry.outOfSample.metrics),
    deflatedSharpe: entry.deflatedSharpe.deflatedSharpe,
    trials: entry.deflatedSharpe.trials,
  };
}
