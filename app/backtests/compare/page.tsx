import Link from "next/link";
import "../../research.css";
import { getDatabase } from "@/db/connection";
import { getRun, type RunRow } from "@/db/queries/backtests";
import { loadRunEquity, runAccount } from "@/db/queries/run-equity";
import { runMetrics } from "@/db/queries/run-json";
import { EquityChart, type EquityCurve } from "@/components/charts/equity-chart";
import { CompareMetricsTable } from "@/components/compare/compare-metrics-table";
import { CompareSummaryTable } from "@/components/compare/compare-summary-table";
import { RUN_COLORS, runLetter, type ComparedRun } from "@/components/compare/compared-run";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { compareQuerySchema, MAX_COMPARED_RUNS } from "@/lib/contract/backtests";

export const dynamic = "force-dynamic";

const title = (r: RunRow) => `${r.hypothesisName} · ${r.symbol} · ${r.timeframe}`;

export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = compareQuerySchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Compare runs" />
        <EmptyState title="Pick the runs to compare">
          Tick 2 to {MAX_COMPARED_RUNS} runs in a batch on the <Link href="/backtests">Backtests</Link> page and press “Compare”.
        </EmptyState>
      </>
    );
  }
  const { db } = await getDatabase();
  const rows = await Promise.all(parsed.data.map((id) => getRun(db, id)));
  const found = rows.filter((r): r is RunRow => r !== undefined);
  if (found.length < rows.length) {
    return (
      <>
        <PageHeader title="Compare runs" />
        <EmptyState title="Run not found">
          {rows.length - found.length === 1 ? "One of the runs no longer exists." : "Some of the runs no longer exist."} Go back to the <Link href="/backtests">Backtests</Link> page.
        </EmptyState>
      </>
    );
  }
  const loaded = await Promise.all(
    found.map(async (run) => {
      const { account } = await runAccount(db, run);
      return { run, equity: await loadRunEquity(db, run, account?.startingEquity ?? null) };
    }),
  );
  const runs: ComparedRun[] = loaded.map(({ run, equity }, i) => ({
    id: run.id,
    letter: runLetter(i),
    color: RUN_COLORS[i % RUN_COLORS.length] ?? RUN_COLORS[0],
    title: title(run),
    fromTime: run.fromTime,
    toTime: run.toTime,
    startingEquity: equity?.startingEquity ?? null,
    metrics: runMetrics(run),
  }));
  const curves: EquityCurve[] = loaded.flatMap(({ equity }, i) => {
    const run = runs[i];
    return equity && run ? [{ label: `${run.letter}: ${run.title}`, axisLabel: run.letter, color: run.color, points: equity.strategy }] : [];
  });
  return (
    <>
      <PageHeader title="Compare runs" subtitle={`${runs.length} runs: headline figures with each one's difference from run A, every metric, and equity with drawdowns on one chart.`}>
        <Link href="/backtests">← all backtests</Link>
      </PageHeader>
      <section className="panel">
        <h2>Runs against A</h2>
        <CompareSummaryTable runs={runs} />
        <p className="muted small">Δ is each run minus run A: pp = percentage points. Green is better than A, red worse; trades are neither.</p>
      </section>
      <section className="panel">
        <h2>
          Equity (USDT) and drawdown (%) <span className="muted">each curve from its period start at its starting capital</span>
        </h2>
        {curves.length > 0 ? <EquityChart testId="compare-equity-chart" curves={curves} drawdown height={420} /> : <p className="muted">No equity curves stored.</p>}
      </section>
      <section className="panel">
        <h2>All metrics</h2>
        <CompareMetricsTable runs={runs} />
      </section>
    </>
  );
}
