import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import "../../research.css";
import { getDatabase } from "@/db/connection";
import { getRun } from "@/db/queries/backtests";
import { getHypothesis } from "@/db/queries/hypotheses";
import { loadRunEquity, runAccount } from "@/db/queries/run-equity";
import { runMetrics, runRiskReward } from "@/db/queries/run-json";
import { MonthSection } from "@/components/backtests/month-section";
import { RegimeSection } from "@/components/backtests/regime-section";
import { RunEquitySection } from "@/components/backtests/run-equity-section";
import { BacktestRunExplorer } from "@/components/backtests/run-explorer";
import { RunMetricsSection } from "@/components/backtests/run-metrics-section";
import { PageHeader } from "@/components/layout/page-header";
import { getConfig } from "@/lib/config";
import { formatNumber, formatUtc } from "@/lib/format";
import { describeRunRiskScope } from "@/lib/hypothesis-runs/run-risk-scope";
import { timeframeMs, timeframeSchema } from "@/lib/market/timeframe";

export const dynamic = "force-dynamic";

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  if (!z.uuid().safeParse(runId).success) notFound();
  const { db } = await getDatabase();
  const run = await getRun(db, runId);
  if (!run) notFound();
  const [{ batch, account }, hypothesis] = await Promise.all([runAccount(db, run), run.hypothesisId ? getHypothesis(db, run.hypothesisId) : undefined]);
  const equity = await loadRunEquity(db, run, account?.startingEquity ?? null);
  const m = runMetrics(run);
  const capital = equity ? ` · starting capital ${formatNumber(equity.startingEquity, 0)} USDT` : "";
  const riskScope = describeRunRiskScope(run.kind, account?.sizing ?? null, getConfig());
  const timeframe = timeframeSchema.parse(run.timeframe);
  return (
    <>
      <PageHeader title={run.hypothesisName} subtitle={`${run.symbol} · ${run.timeframe} · ${formatUtc(run.fromTime)} → ${formatUtc(run.toTime)}${capital}`}>
        <Link href="/backtests">← all backtests</Link>
      </PageHeader>
      <RunMetricsSection
        metrics={m}
        diagnostics={(run.diagnostics ?? {}) as Record<string, unknown>}
        riskReward={runRiskReward(run)}
        timeframe={run.timeframe}
        batchLabel={batch?.label ?? run.batchId}
        rules={hypothesis ?? null}
        riskScope={riskScope}
        startingEquity={equity?.startingEquity ?? null}
      />
      <RunEquitySection equity={equity} symbol={run.symbol} />
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
