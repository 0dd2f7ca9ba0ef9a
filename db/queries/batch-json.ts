import type { BatchJson } from "@/lib/contract/backtests";
import type { Database } from "../client";
import { listRunsOfBatches } from "./backtest-views";
import type { BatchRow } from "./backtests";
import { asAnalysis } from "./report-body";
import { latestReport } from "./research-reports";
import { toRunSummary } from "./run-json";

/** Each run's overall verdict in the latest edge analysis, for the runs of the batch it analysed; empty otherwise. */
async function latestVerdicts(db: Database, batchIds: readonly string[]): Promise<{ batchId: string | null; byTrial: Map<string, BatchJson["verdicts"][string]> }> {
  const row = await latestReport(db, "edge_analysis");
  const analysis = row ? asAnalysis(row.body) : null;
  if (!analysis || !batchIds.includes(analysis.batchId)) return { batchId: null, byTrial: new Map() };
  return { batchId: analysis.batchId, byTrial: new Map(analysis.edge.entries.map((e) => [`${e.hypothesisId} ${e.symbol}`, e.overall])) };
}

/** The batches with their runs' headline figures and, where the latest edge analysis judged them, their verdicts. */
export async function loadBatchesJson(db: Database, batches: readonly BatchRow[]): Promise<BatchJson[]> {
  const ids = batches.map((b) => b.id);
  const [runs, verdicts] = await Promise.all([listRunsOfBatches(db, ids), latestVerdicts(db, ids)]);
  return batches.map((b) => {
    const batchRuns = runs.filter((r) => r.batchId === b.id);
    const judged: BatchJson["verdicts"] = {};
    if (verdicts.batchId === b.id) {
      for (const r of batchRuns) {
        const v = verdicts.byTrial.get(`${r.hypothesisId} ${r.symbol}`);
        if (v) judged[r.id] = v;
      }
    }
    return { id: b.id, label: b.label, jobId: b.jobId, createdAt: b.createdAt.toISOString(), finished: b.summary !== null, settings: b.settings, runs: batchRuns.map(toRunSummary), verdicts: judged };
  });
}
