import type { Database } from "@/db/client";
import { getLiveAccountByPaperAccount } from "@/db/queries/live-accounts";
import { latestReport } from "@/db/queries/research-reports";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { ArmedLiveLeg, LifecycleEvidence, PaperLegResult, TrackedPair } from "@/lib/lifecycle/decide-lifecycle-moves";
import { z } from "zod";
import { paperComparison } from "../paper/paper-monitor";

/** The stored edge analysis, as far as the loop reads it: its batch and its entries (the analysis's own shape). */
const storedEdgeSchema = z.object({ batchId: z.string(), edge: z.object({ entries: z.array(z.object({ hypothesisId: z.string(), symbol: z.string(), overall: z.string() }).passthrough()) }) });

/**
 * The edge analysis the loop's own pipeline run stored: the newest one, if it was stored after `since` (the pipeline
 * reports no batch id; a pipeline a person started meanwhile could be the newer one, and its verdicts are as fresh).
 */
export async function edgeAnalysisSince(db: Database, since: Date): Promise<{ batchId: string; entries: EdgeReportEntry[] } | null> {
  const report = await latestReport(db, "edge_analysis");
  if (!report || report.createdAt < since) return null;
  const parsed = storedEdgeSchema.safeParse(report.body);
  if (!parsed.success) return null;
  // runAnalysis stored this body from buildEdgeReport's EdgeReport; the check above is that it is that report.
  return { batchId: parsed.data.batchId, entries: parsed.data.edge.entries as unknown as EdgeReportEntry[] };
}

/**
 * What paper (and live, which trades a paper account's decisions) says of the pairs in paper or live: each leg's
 * closed trades against its backtest's win-rate interval (the paper page's comparison), and the live accounts a
 * person armed on those paper accounts.
 */
export async function tradingEvidence(db: Database, tracked: readonly TrackedPair[], minTrades: number): Promise<Pick<LifecycleEvidence, "paper" | "armed">> {
  const accounts = [...new Set(tracked.filter((p) => (p.state === "paper" || p.state === "live") && p.paperAccountId !== null).map((p) => p.paperAccountId as string))];
  const paper: PaperLegResult[] = [];
  const armed: ArmedLiveLeg[] = [];
  for (const paperAccountId of accounts) {
    const comparison = await paperComparison(db, paperAccountId, minTrades);
    for (const row of comparison.rows) {
      paper.push({ hypothesisId: row.hypothesisId, symbol: row.symbol, paperAccountId, trades: row.paper.trades, winRate: row.paper.winRate, backtestInterval: row.backtest?.winRateInterval ?? null });
    }
    const live = await getLiveAccountByPaperAccount(db, paperAccountId);
    if (live?.armedAt && live.armedBy) {
      for (const row of comparison.rows) {
        armed.push({ hypothesisId: row.hypothesisId, symbol: row.symbol, paperAccountId, liveAccountId: live.id, liveAccountName: live.name, armedBy: live.armedBy, armedAt: live.armedAt.getTime() });
      }
    }
  }
  return { paper, armed };
}
