import Link from "next/link";
import { z } from "zod";
import "../../research.css";
import { getDatabase } from "@/db/connection";
import { getRun, loadEquity, type RunRow } from "@/db/queries/backtests";
import { runMetrics } from "@/db/queries/run-json";
import { CHART_COLORS } from "@/components/charts/chart-theme";
import { EquityChart } from "@/components/charts/equity-chart";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import type { Metrics } from "@/lib/backtest/metrics/types";
import { formatNumber, formatPercent, formatProfitFactor, formatUtc } from "@/lib/format";

export const dynamic = "force-dynamic";

const searchSchema = z.object({ a: z.uuid(), b: z.uuid() });

const ROWS: { label: string; value: (m: Metrics) => string; better?: (m: Metrics) => number | null }[] = [
  { label: "Trades", value: (m) => m.trades.toLocaleString("en-US") },
  { label: "Win rate", value: (m) => formatPercent(m.winRate), better: (m) => m.winRate },
  { label: "Profit factor", value: (m) => formatProfitFactor(m.profitFactor, m.profitFactorUnbounded), better: (m) => (m.profitFactorUnbounded ? Number.MAX_VALUE : m.profitFactor) },
  { label: "Net return", value: (m) => formatPercent(m.netReturn, 2), better: (m) => m.netReturn },
  { label: "Sharpe", value: (m) => formatNumber(m.sharpe), better: (m) => m.sharpe },
  { label: "Sortino", value: (m) => formatNumber(m.sortino), better: (m) => m.sortino },
  { label: "Max drawdown", value: (m) => formatPercent(m.maxDrawdown), better: (m) => -m.maxDrawdown },
  { label: "Expectancy (R)", value: (m) => formatNumber(m.expectancyR), better: (m) => m.expectancyR },
  { label: "Trades per day", value: (m) => formatNumber(m.tradesPerDay) },
  { label: "Exposure", value: (m) => formatPercent(m.exposure) },
  { label: "Fees paid", value: (m) => formatNumber(m.feesPaid) },
  { label: "Funding paid", value: (m) => formatNumber(m.fundingPaid) },
  { label: "Longest losing streak", value: (m) => String(m.longestLosingStreak) },
];

const title = (r: RunRow) => `${r.hypothesisName} · ${r.symbol} · ${r.timeframe}`;

export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = searchSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Compare runs" />
        <EmptyState title="Pick two runs">
          Tick two runs in a batch on the <Link href="/backtests">Backtests</Link> page and press “Compare”.
        </EmptyState>
      </>
    );
  }
  const { db } = await getDatabase();
  const [a, b] = await Promise.all([getRun(db, parsed.data.a), getRun(db, parsed.data.b)]);
  if (!a || !b) {
    return (
      <>
        <PageHeader title="Compare runs" />
        <EmptyState title="Run not found">One of the two runs no longer exists. Go back to the <Link href="/backtests">Backtests</Link> page.</EmptyState>
      </>
    );
  }
  const [ea, eb] = await Promise.all([loadEquity(db, a.id), loadEquity(db, b.id)]);
  const [ma, mb] = [runMetrics(a), runMetrics(b)];
  return (
    <>
      <PageHeader title="Compare runs" subtitle="Two runs side by side: metrics and equity on one chart.">
        <Link href="/backtests">← all backtests</Link>
      </PageHeader>
      <section className="panel">
        <table className="data" data-testid="compare-table">
          <thead>
            <tr>
              <th>Metric</th>
              <th className="num">
                <span className="legend-swatch" style={{ background: CHART_COLORS.accent }} />
                <Link href={`/backtests/${a.id}`}>A: {title(a)}</Link>
              </th>
              <th className="num">
                <span className="legend-swatch" style={{ background: CHART_COLORS.warn }} />
                <Link href={`/backtests/${b.id}`}>B: {title(b)}</Link>
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Period (UTC)</td>
              <td className="num small">
                {formatUtc(a.fromTime)} → {formatUtc(a.toTime)}
              </td>
              <td className="num small">
                {formatUtc(b.fromTime)} → {formatUtc(b.toTime)}
              </td>
            </tr>
            {ROWS.map((row) => {
              const x = row.better?.(ma) ?? null;
              const y = row.better?.(mb) ?? null;
              const win = x === null || y === null || x === y ? null : x > y ? "a" : "b";
              return (
                <tr key={row.label}>
                  <td>{row.label}</td>
                  <td className={`num ${win === "a" ? "strong" : ""}`}>{row.value(ma)}</td>
                  <td className={`num ${win === "b" ? "strong" : ""}`}>{row.value(mb)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted small">The better of the two is in bold where “better” is clear; it says nothing about whether either has an edge.</p>
      </section>
      <section className="panel">
        <h2>Equity</h2>
        <EquityChart
          testId="compare-equity-chart"
          height={360}
          curves={[
            { label: "A", color: CHART_COLORS.accent, points: ea },
            { label: "B", color: CHART_COLORS.warn, points: eb },
          ]}
        />
      </section>
    </>
  );
}
