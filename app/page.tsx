import Link from "next/link";
import { Suspense } from "react";
import "./research.css";
import { getDatabase } from "@/db/connection";
import { loadCoverage } from "@/db/queries/coverage";
import { migrationStatus } from "@/db/queries/health";
import { latestReport } from "@/db/queries/research-reports";
import { fmtPct, fmtProfitFactor } from "@/components/backtest-format";
import { PipelineButton } from "@/components/edge-pipeline-button";
import { EmptyState } from "@/components/empty-state";
import { JobsList } from "@/components/jobs-list";
import { PageHeader } from "@/components/page-header";
import { formatInt, formatUtc } from "@/lib/format";
import { asFinalReport } from "./edge/report-body";

export const dynamic = "force-dynamic";

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")} s`);

export default async function OverviewPage() {
  const { db, driver, location } = await getDatabase();
  const [coverage, migrations, finalRow] = await Promise.all([loadCoverage(db), migrationStatus(db), latestReport(db, "final_report")]);
  const totalRows = coverage.reduce((sum, r) => sum + r.rows, 0);
  const instruments = [...new Set(coverage.map((r) => r.symbol))].sort();
  const final = finalRow ? asFinalReport(finalRow.body) : null;
  const plan = final?.recommendations;
  return (
    <>
      <PageHeader title="Overview" subtitle="Test every idea; a signal earns the right to trade only by its numbers." />
      <section className="grid">
        <div className="panel stat" data-testid="store-driver">
          <div className="label">Store</div>
          <div className="value">{driver === "embedded" ? "Embedded PostgreSQL" : "PostgreSQL server"}</div>
          <p className="muted">{location} · migrations {migrations.applied}/{migrations.expected}</p>
        </div>
        <div className="panel stat">
          <div className="label">Instruments with data</div>
          <div className="value">{instruments.length}</div>
        </div>
        <div className="panel stat">
          <div className="label">Candles stored</div>
          <div className="value">{formatInt(totalRows)}</div>
        </div>
      </section>
      {coverage.length === 0 ? (
        <EmptyState title="No market data yet">
          Generate a synthetic market offline, import a file or fetch from an exchange on the <Link href="/data">Data</Link> page (or run{" "}
          <code>npm run demo</code>).
        </EmptyState>
      ) : (
        <section className="panel" data-testid="coverage-summary">
          <h2>Data coverage</h2>
          <table className="data compact">
            <thead>
              <tr>
                <th>Instrument</th>
                <th>Timeframes</th>
                <th>From (UTC)</th>
                <th>To (UTC)</th>
                <th className="num">Candles</th>
                <th className="num">Missing bars</th>
              </tr>
            </thead>
            <tbody>
              {instruments.map((symbol) => {
                const rows = coverage.filter((c) => c.symbol === symbol);
                return (
                  <tr key={symbol}>
                    <td>{symbol}</td>
                    <td>{rows.map((r) => r.timeframe).join(", ")}</td>
                    <td>{formatUtc(Math.min(...rows.map((r) => r.first)))}</td>
                    <td>{formatUtc(Math.max(...rows.map((r) => r.last)))}</td>
                    <td className="num">{formatInt(rows.reduce((n, r) => n + r.rows, 0))}</td>
                    <td className={`num ${rows.some((r) => r.missingBars > 0) ? "warn" : ""}`}>{formatInt(rows.reduce((n, r) => n + r.missingBars, 0))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            Details per timeframe and gaps on the <Link href="/data">Data</Link> page.
          </p>
        </section>
      )}
      <section className="panel" data-testid="pipeline-panel">
        <h2>Research pipeline</h2>
        <p className="muted small">
          Data → discovery → backtest → analysis → report, on the stored data (or a generated synthetic market when none is stored).
        </p>
        <Suspense fallback={null}>
          <PipelineButton />
        </Suspense>
      </section>
      {final && plan ? (
        <>
          <section className={`panel`} data-testid="recommendation">
            <h2>
              What to trade <span className="muted">final report of {final.generatedAt.slice(0, 16).replace("T", " ")} UTC</span>
            </h2>
            <div className={`callout ${plan.tradeAnything ? "good" : ""}`}>
              <p data-testid="recommendation-summary">
                <strong>{plan.tradeAnything ? `${plan.hypotheses.length} to paper-trade.` : "Nothing should be traded."}</strong> {plan.summary}
              </p>
            </div>
            {plan.hypotheses.length > 0 ? (
              <table className="data compact" data-testid="passed-table">
                <thead>
                  <tr>
                    <th>Hypothesis</th>
                    <th>TF</th>
                    <th>Instrument</th>
                    <th className="num">Score</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.hypotheses.map((h) => (
                    <tr key={`${h.hypothesisId}-${h.symbol}`}>
                      <td>{h.hypothesisName}</td>
                      <td>{h.timeframe}</td>
                      <td>{h.symbol}</td>
                      <td className="num">{h.score.toFixed(3)}</td>
                      <td className="small">{h.why}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {final.portfolio ? (
              <>
                <h3 className="subhead">The passing set on one account, beside the original promises</h3>
                <table className="data compact">
                  <thead>
                    <tr>
                      <th>Metric</th>
                      <th className="num">Measured</th>
                      <th className="num">Promised</th>
                      <th>Meets</th>
                    </tr>
                  </thead>
                  <tbody>
                    {final.portfolio.versusSeedExpectations.map((r) => (
                      <tr key={r.metric}>
                        <td>{r.metric}</td>
                        <td className="num">
                          {r.metric === "profit factor"
                            ? fmtProfitFactor(final.portfolio?.figures.profitFactor ?? null, final.portfolio?.figures.profitFactorUnbounded ?? false)
                            : r.metric === "trades per month"
                              ? (r.measured ?? 0).toFixed(0)
                              : fmtPct(r.measured)}
                        </td>
                        <td className="num">{r.expected}</td>
                        <td className={r.meets === null ? "muted" : r.meets ? "pass" : "fail"}>{r.meets === null ? "—" : r.meets ? "yes" : "no"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
          </section>
          <section className="panel" data-testid="latest-pipeline">
            <h2>
              Latest pipeline run <span className="muted">{final.execution.trials} trials · {final.execution.passed} passed</span>
            </h2>
            <table className="data compact">
              <thead>
                <tr>
                  <th>Phase</th>
                  <th className="num">Took</th>
                </tr>
              </thead>
              <tbody>
                {final.execution.phases.map((p) => (
                  <tr key={p.phase} data-testid="pipeline-phase">
                    <td>{p.phase}</td>
                    <td className="num">{seconds(p.durationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              Per-trial verdicts on the <Link href="/edge">Edge</Link> page; runs and trades on <Link href="/backtests">Backtests</Link>; funding on{" "}
              <Link href="/funding">Funding</Link>.
            </p>
          </section>
        </>
      ) : (
        <section className="panel" data-testid="recommendation">
          <h2>What to trade</h2>
          <p className="muted" data-testid="recommendation-summary">
            No final report yet, so nothing has earned the right to trade. Run the pipeline above.
          </p>
        </section>
      )}
      <section className="panel" data-testid="recent-jobs">
        <h2>Recent jobs</h2>
        <JobsList limit={8} />
      </section>
    </>
  );
}
