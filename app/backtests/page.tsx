import Link from "next/link";
import { Suspense } from "react";
import "../research.css";
import { getDatabase } from "@/db/connection";
import { listBatches } from "@/db/queries/backtests";
import { loadBatchesJson } from "@/db/queries/batch-json";
import { toJobJson } from "@/db/queries/job-json";
import { listJobsByIds } from "@/db/queries/jobs";
import { loadCoverage } from "@/db/queries/coverage";
import { listHypotheses } from "@/db/queries/hypotheses";
import { BatchDetails } from "@/components/backtests/batch-details";
import { BacktestLaunchForm } from "@/components/backtests/launch-form";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { TableFilterBar } from "@/components/tables/table-filter-bar";
import { getConfig } from "@/lib/config";
import { batchStatus } from "@/lib/contract/batch-status";
import { formatInt, formatUtc, formatUtcDay } from "@/lib/format";
import { compareTimeframes } from "@/lib/market/timeframe";

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
  const [hypotheses, coverage, batchRows] = await Promise.all([listHypotheses(db), loadCoverage(db), listBatches(db, BATCHES_SHOWN)]);
  const [batches, jobs] = await Promise.all([loadBatchesJson(db, batchRows), listJobsByIds(db, batchRows.flatMap((b) => (b.jobId ? [b.jobId] : [])))]);
  const jobById = new Map(jobs.map((j) => [j.id, toJobJson(j)]));
  const timeframes = [...config.timeframes].sort(compareTimeframes);
  const first = coverage.length > 0 ? Math.min(...coverage.map((c) => c.first)) : null;
  const last = coverage.length > 0 ? Math.max(...coverage.map((c) => c.last)) : null;
  return (
    <>
      <PageHeader title="Backtests" subtitle="Run hypotheses on stored candles; every run keeps its trades and equity curve." />
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <BacktestLaunchForm
          // Learned variants are backtested by the learning phase, with their models.
          hypotheses={hypotheses.filter((h) => !h.learned).map((h) => ({ id: h.id, name: h.name, timeframe: h.timeframe, direction: h.direction }))}
          instruments={config.instruments}
          timeframes={timeframes}
          defaults={{ from: first === null ? "" : formatUtcDay(first), to: last === null ? "" : formatUtcDay(last), taker: config.fees.taker, maker: config.fees.maker }}
        />
      </Suspense>
      <h2 className="section-title">Batches</h2>
      {batches.length > 0 ? (
        <Suspense fallback={null}>
          <TableFilterBar label="Filter the batches' runs" timeframes={timeframes} symbols={config.instruments} />
        </Suspense>
      ) : null}
      {batches.length === 0 ? (
        <EmptyState title="No backtests yet">
          Start one above, or run the whole pipeline from the <Link href="/">Overview</Link> (<code>npm run pipeline -- --mode full --no-fetch</code>).
        </EmptyState>
      ) : (
        batches.map((b, i) => {
          const trades = b.runs.reduce((n, r) => n + r.trades, 0);
          const status = batchStatus(b.finished, b.jobId ? (jobById.get(b.jobId) ?? null) : null);
          return (
            <section key={b.id} className="panel" data-testid="batch" data-batch-id={b.id}>
              <Suspense fallback={null}>
                <BatchDetails
                  batchId={b.id}
                  initiallyOpen={i === 0}
                  // Only the open batch's runs travel with the page; a folded one asks for its runs when opened.
                  initial={i === 0 ? { runs: b.runs, verdicts: b.verdicts } : null}
                  runCount={b.runs.length}
                  summary={
                    <>
                      <strong>{b.label}</strong>
                      <span className="muted small">{formatUtc(Date.parse(b.createdAt))}</span>
                      <span className={`badge ${status.tone}`} data-testid="batch-status">
                        {status.label}
                      </span>
                      <span className="muted small" data-testid="batch-counts">
                        {b.runs.length} runs stored{status.jobRuns ? ` · job: ${status.jobRuns}` : ""} · {formatInt(trades)} trades
                      </span>
                      <span className="muted small">{settingsLine(b.settings)}</span>
                    </>
                  }
                />
              </Suspense>
            </section>
          );
        })
      )}
    </>
  );
}
