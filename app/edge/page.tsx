import Link from "next/link";
import { Suspense } from "react";
import "../research.css";
import { getDatabase } from "@/db/connection";
import { listRuns } from "@/db/queries/backtests";
import { asAnalysis } from "@/db/queries/report-body";
import { latestReport } from "@/db/queries/research-reports";
import { toRunSummary } from "@/db/queries/run-json";
import { CrossInstrumentSection } from "@/components/edge/cross-instrument-section";
import { CrossTimeframeSection } from "@/components/edge/cross-timeframe-section";
import { RankingSection } from "@/components/edge/ranking-section";
import { ThresholdsSection } from "@/components/edge/thresholds-section";
import { TimeframeTrialsSection } from "@/components/edge/timeframe-trials-section";
import { trialKey } from "@/components/edge/trial-risk-reward-badge";
import { VerdictSection } from "@/components/edge/verdict-section";
import { PipelineButton } from "@/components/jobs/pipeline-button";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { getConfig } from "@/lib/config";
import { walkForwardSettingsOf } from "@/lib/contract/reports";
import { formatUtc } from "@/lib/format";

export const dynamic = "force-dynamic";

/** JSON with sorted keys: the store's jsonb does not keep key order, so plain JSON text would differ for equal objects. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export default async function EdgePage() {
  const { db } = await getDatabase();
  const row = await latestReport(db, "edge_analysis");
  const analysis = row ? asAnalysis(row.body) : null;
  if (!row || !analysis) {
    return (
      <>
        <PageHeader title="Edge" subtitle="Which hypotheses pass the thresholds in and out of sample." />
        <EmptyState title="No edge analysis yet">
          <p>
            The analysis judges every backtested hypothesis × instrument against the thresholds, in sample and out of sample, with a deflated Sharpe over all
            trials. It needs market data, hypotheses and a backtest first; the pipeline does all of it (with no data stored it generates the synthetic market).
          </p>
          <Suspense fallback={null}>
            <PipelineButton />
          </Suspense>
        </EmptyState>
      </>
    );
  }
  const { edge, crossTimeframe } = analysis;
  const config = getConfig();
  const wf = walkForwardSettingsOf(edge);
  const configChanged = stableJson(config.edgeThresholds) !== stableJson(edge.thresholds) || stableJson(config.walkForward) !== stableJson(wf);
  const timeframes = [...new Set(edge.entries.map((e) => e.timeframe))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  // The analysed batch's runs say which trials tested exits below their timeframe's minimum reward:risk.
  const runs = new Map((await listRuns(db, analysis.batchId)).map((r) => [trialKey(r.hypothesisId, r.symbol), toRunSummary(r)]));
  const period = edge.entries[0];

  return (
    <>
      <PageHeader title="Edge" subtitle={`Latest analysis, ${formatUtc(row.createdAt.getTime())}, of batch ${analysis.batchId.slice(0, 8)}.`}>
        <Suspense fallback={null}>
          <PipelineButton label="Run the pipeline again" />
        </Suspense>
      </PageHeader>
      <VerdictSection edge={edge} />
      <ThresholdsSection thresholds={edge.thresholds} configChanged={configChanged} />
      {timeframes.map((tf) => (
        <TimeframeTrialsSection key={tf} edge={edge} timeframe={tf} gate={wf?.gate ?? null} runs={runs} />
      ))}
      <RankingSection entries={edge.entries} minTrades={edge.thresholds.minTrades} runs={runs} />
      <div className="stack">
        <CrossInstrumentSection crossInstrument={edge.crossInstrument} />
        <CrossTimeframeSection crossTimeframe={crossTimeframe} />
      </div>
      <p className="muted small">
        Backtests behind this analysis: <Link href="/backtests">Backtests</Link>. Analysis periods: {period ? `${formatUtc(period.fromTime)} → ${formatUtc(period.toTime)}` : "—"}.
      </p>
    </>
  );
}
