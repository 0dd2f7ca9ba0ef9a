import Link from "next/link";
import { Suspense } from "react";
import "../research.css";
import { getDatabase } from "@/db/connection";
import { listRunsOfBatches } from "@/db/queries/backtest-views";
import { listBatches } from "@/db/queries/backtests";
import { loadCoverage } from "@/db/queries/coverage";
import { listHypotheses } from "@/db/queries/hypotheses";
import { toRunSummary } from "@/db/queries/run-json";
import { BacktestLaunchForm } from "@/components/backtests/launch-form";
import { BacktestRunsTable } from "@/components/backtests/runs-table";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { getConfig } from "@/lib/config";
import { formatInt, formatUtc, formatUtcDay } from "@/lib/format";

export const dynamic = "force-dynamic";

const BATCHES_SHOWN = 10;

function settingsLine(settings: unknown): string {
  if (typeof settings !== "object" || settings === null) return "";
  const s = settings as { symbols?: unknown; fromMs?: unknown; toMs?: unknown; fees?: { taker?: unknown; maker?: unknown }; slippagePips?: unknown };
  const parts: string[] = [];
  if (Array.isArray(s.symbols)) parts.push(s.symbols.join(", "));
  if (typeof s.fromMs === "number" || typeof s.toMs === "number") parts.push(`${typeof s.fromMs === "number" ? formatUtcDay(s.fromMs) : "start"} → ${typeof s.toMs === "number" ? formatUtcDay(s.toMs) : "end"}`);
  if (s.fees && typeof s.fees.taker === "number") parts.push(`fees ${String(s.fees.taker)}/${String(s.fees.maker)}`);
  if (typeof s.slippagePips === "number") parts.push(`slippage ${s.slippagePips} pips`);
  return parts.join(" · ");
}

export default async function BacktestsPage() {
  const { db } = await getDatabase();
  const config = getConfig();
  const [hypotheses, coverage, batches] = await Promise.all([listHypotheses(db), loadCoverage(db), listBatches(db, BATCHES_SHOWN)]);
  const runs = await listRunsOfBatches(db, batches.map((b) => b.id));
  const first = coverage.length > 0 ? Math.min(...coverage.map((c) => c.first)) : null;
  const last = coverage.length > 0 ? Math.max(...coverage.map((c) => c.last)) : null;
  return (
    <>
      <PageHeader title="Backtests" subtitle="Run hypotheses on stored candles; every run keeps its trades and equity curve." />
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <BacktestLaunchForm
          hypotheses={hypotheses.map((h) => ({ id: h.id, name: h.name, timeframe: h.timeframe, direction: h.direction }))}
          instruments={config.instruments}
          timeframes={config.timeframes}
          defaults={{ from: first === null ? "" : formatUtcDay(first), to: last === null ? "" : formatUtcDay(last), taker: config.fees.taker, maker: config.fees.maker }}
        />
      </Suspense>
      <h2 className="section-title">Batches</h2>
      {batches.length === 0 ? (
        <EmptyState title="No backtests yet">
          Start one above, or run the whole pipeline from the <Link href="/">Overview</Link> (<code>npm run pipeline -- --mode full --no-fetch</code>).
        </EmptyState>
      ) : (
        batches.map((b, i) => {
          const batchRuns = runs.filter((r) => r.batchId === b.id).map(toRunSummary);
          const trades = batchRuns.reduce((n, r) => n + r.trades, 0);
          return (
            <section key={b.id} className="panel" data-testid="batch" data-batch-id={b.id}>
              <details className="batch" open={i === 0}>
                <summary>
                  <strong>{b.label}</strong>
                  <span className="muted small">{formatUtc(b.createdAt.getTime())}</span>
                  <span className={`badge ${b.summary === null ? "status-running" : "status-succeeded"}`} data-testid="batch-status">
                    {b.summary === null ? "running or interrupted" : "finished"}
                  </span>
                  <span className="muted small">
                    {batchRuns.length} runs · {formatInt(trades)} trades
                  </span>
                  <span className="muted small">{settingsLine(b.settings)}</span>
                </summary>
                {batchRuns.length === 0 ? <p className="muted small">No runs stored in this batch yet.</p> : <BacktestRunsTable runs={batchRuns} />}
              </details>
            </section>
          );
        })
      )}
    </>
  );
}
