import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import "../../research.css";
import { getDatabase } from "@/db/connection";
import { getBatch, getRun, loadEquity } from "@/db/queries/backtests";
import { getHypothesis } from "@/db/queries/hypotheses";
import { runMetrics, runRiskReward } from "@/db/queries/run-json";
import { MonthSection } from "@/components/backtests/month-section";
import { RegimeSection } from "@/components/backtests/regime-section";
import { RunEquitySection } from "@/components/backtests/run-equity-section";
import { BacktestRunExplorer } from "@/components/backtests/run-explorer";
import { RunMetricsSection } from "@/components/backtests/run-metrics-section";
import { PageHeader } from "@/components/layout/page-header";
import { formatUtc } from "@/lib/format";
import { timeframeMs, timeframeSchema } from "@/lib/market/timeframe";

export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  if (!z.uuid().safeParse(runId).success) notFound();
  const { db } = await getDatabase();
  const run = await getRun(db, runId);
  if (!run) notFound();
  const [equity, hypothesis, batch] = await Promise.all([loadEquity(db, run.id), run.hypothesisId ? getHypothesis(db, run.hypothesisId) : undefined, getBatch(db, run.batchId)]);
  const m = runMetrics(run);
  const timeframe = timeframeSchema.parse(run.timeframe);
  return (
    <>
      <PageHeader title={run.hypothesisName} subtitle={`${run.symbol} · ${run.timeframe} · ${formatUtc(run.fromTime)} → ${formatUtc(run.toTime)}`}>
        <Link href="/backtests">← all backtests</Link>
      </PageHeader>
      <RunMetricsSection
        metrics={m}
        diagnostics={(run.diagnostics ?? {}) as Record<string, unknown>}
        riskReward={runRiskReward(run)}
        timeframe={run.timeframe}
        batchLabel={batch?.label ?? run.batchId}
        rules={hypothesis ?? null}
      />
      <RunEquitySection equity={equity} />
      <div className="two-col">
        <RegimeSection byRegime={m.byRegime} />
        <MonthSection byMonth={m.byMonth} />
      </div>
      <div className="stack" />
      <BacktestRunExplorer
        runId={run.id}
        symbol={run.symbol}
        timeframe={timeframe}
        barMs={timeframeMs(timeframe)}
        fromTime={run.fromTime}
        toTime={run.toTime}
        rules={hypothesis?.entryConditions ?? []}
      />
    </>
  );
}
