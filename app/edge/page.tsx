import Link from "next/link";
import { Fragment, Suspense } from "react";
import "../research.css";
import { getDatabase } from "@/db/connection";
import { listRuns } from "@/db/queries/backtests";
import { latestReport } from "@/db/queries/research-reports";
import { fmtNum, fmtPct, fmtProfitFactor } from "@/components/backtest-format";
import { PipelineButton } from "@/components/edge-pipeline-button";
import { MetricCells, SegmentCell } from "@/components/edge-metric-cells";
import { VerdictBadge } from "@/components/edge-verdict-badge";
import { WalkForwardCell } from "@/components/edge-walk-forward-cell";
import { WalkForwardNote } from "@/components/edge-walk-forward-note";
import { WindowDetails } from "@/components/edge-window-details";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { BelowMinRiskRewardBadge } from "@/components/risk-reward-badge";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import { getConfig } from "@/lib/config";
import { formatUtc } from "@/lib/format";
import { runMetrics, runRiskReward } from "../api/backtests/run-json";
import { asAnalysis, walkForwardOf, walkForwardSettingsOf } from "./report-body";

export const dynamic = "force-dynamic";

const RANKING_SHOWN = 25;

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
  const t = edge.thresholds;
  const wf = walkForwardSettingsOf(edge);
  const configChanged = stableJson(config.edgeThresholds) !== stableJson(t) || stableJson(config.walkForward) !== stableJson(wf);
  const oneWindow = edge.entries.filter((e) => walkForwardOf(e)?.stability.concentrated === true).length;
  const timeframes = [...new Set(edge.entries.map((e) => e.timeframe))].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const passed = edge.entries.filter((e) => e.overall === "pass");
  const counts = { pass: passed.length, fail: edge.entries.filter((e) => e.overall === "fail").length, insufficient: edge.entries.filter((e) => e.overall === "insufficient_data").length };
  const dsr = edge.entries[0]?.deflatedSharpe;
  const byName = (a: EdgeReportEntry, b: EdgeReportEntry) => a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol);
  // The analysed batch's runs say which trials tested exits below their timeframe's minimum reward:risk.
  const runs = new Map((await listRuns(db, analysis.batchId)).map((r) => [`${r.hypothesisId} ${r.symbol}`, r]));
  const riskRewardBadge = (e: EdgeReportEntry) => {
    const run = runs.get(`${e.hypothesisId} ${e.symbol}`);
    return run ? <BelowMinRiskRewardBadge report={runRiskReward(run)} timeframe={e.timeframe} trades={runMetrics(run).trades} /> : null;
  };

  return (
    <>
      <PageHeader title="Edge" subtitle={`Latest analysis, ${row.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC, of batch ${analysis.batchId.slice(0, 8)}.`}>
        <Suspense fallback={null}>
          <PipelineButton label="Run the pipeline again" />
        </Suspense>
      </PageHeader>

      <section className="panel" data-testid="edge-verdict">
        <h2>Verdict</h2>
        <div className={`callout ${passed.length > 0 ? "good" : ""}`}>
          {passed.length === 0 ? (
            <p data-testid="edge-summary">
              <strong>Nothing passed.</strong> None of the {edge.trials} hypothesis × instrument trials cleared every threshold both in sample and out of sample with a
              deflated Sharpe of at least {t.minDeflatedSharpe}. Nothing should be traded.
            </p>
          ) : (
            <p data-testid="edge-summary">
              <strong>
                {passed.length} of {edge.trials} trials passed
              </strong>{" "}
              in sample, out of sample and the multiple-testing gate: {passed.map((p) => `${p.hypothesisName} on ${p.symbol}`).join("; ")}.
            </p>
          )}
          <p className="muted small">
            {counts.pass} pass · {counts.fail} fail · {counts.insufficient} insufficient data (fewer than {t.minTrades} trades in a segment). Split {Math.round(edge.inSampleFraction * 100)}/
            {Math.round((1 - edge.inSampleFraction) * 100)} by time; a pass needs both halves to pass.
          </p>
        </div>
        {dsr ? (
          <p className="small" data-testid="deflated-sharpe-note">
            <strong>Deflated Sharpe:</strong> N = {dsr.trials} trials (every hypothesis × instrument tried, passing or not); variance of their daily Sharpes V ={" "}
            {dsr.sharpeVariance.toExponential(2)}; the best of N would show a daily Sharpe of SR₀ = {fmtNum(dsr.expectedMaxSharpe, 3)} by luck alone. A pass needs the probability
            that a run’s Sharpe beats SR₀ (DSR) ≥ {t.minDeflatedSharpe}.
          </p>
        ) : null}
        {wf ? <WalkForwardNote settings={wf} flagged={oneWindow} trials={edge.trials} /> : null}
      </section>

      <section className="panel" data-testid="thresholds">
        <h2>Thresholds per timeframe</h2>
        <div className="table-scroll">
          <table className="data compact">
            <thead>
              <tr>
                <th>Timeframe</th>
                <th className="num">Win rate ≥</th>
                <th className="num">Profit factor ≥</th>
                <th className="num">Sharpe ≥</th>
                <th className="num">Trades ≥</th>
                <th className="num">Deflated Sharpe ≥</th>
              </tr>
            </thead>
            <tbody>
              {(["2m", "5m", "15m", "30m"] as const).map((tf) => (
                <tr key={tf} data-testid="threshold-def" data-timeframe={tf}>
                  <td>{tf}</td>
                  <td className="num">{fmtPct(t.winRate, 0)}</td>
                  <td className="num">{fmtNum(t.profitFactor[tf], 2)}</td>
                  <td className="num">{fmtNum(t.sharpe, 2)}</td>
                  <td className="num">{t.minTrades}</td>
                  <td className="num">{t.minDeflatedSharpe}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">
          The thresholds the analysis was judged with.{" "}
          {configChanged ? <span className="warn">The configuration has changed since; run the analysis again to apply the new ones.</span> : "They match the current configuration."}
        </p>
      </section>

      {timeframes.map((tf) => {
        const rows = edge.entries.filter((e) => e.timeframe === tf).sort(byName);
        return (
          <section key={tf} className="panel" data-testid="threshold-table" data-timeframe={tf}>
            <h2>
              {tf} <span className="muted">{rows.length} trials · whole period, in sample and out of sample; green clears the threshold, red does not</span>
            </h2>
            <div className="table-scroll">
              <table className="data compact">
                <thead>
                  <tr>
                    <th rowSpan={2}>Hypothesis</th>
                    <th rowSpan={2}>Instrument</th>
                    <th colSpan={4} className="group">
                      Whole period
                    </th>
                    <th rowSpan={2} className="sep">
                      In sample ({Math.round(edge.inSampleFraction * 100)}%)
                    </th>
                    <th rowSpan={2} className="sep">
                      Out of sample
                    </th>
                    <th rowSpan={2} className="sep">
                      Walk-forward
                    </th>
                    <th rowSpan={2} className="num sep">
                      DSR
                    </th>
                    <th rowSpan={2} className="sep">
                      Overall
                    </th>
                  </tr>
                  <tr>
                    <th className="num">Trades</th>
                    <th className="num">Win rate</th>
                    <th className="num">PF</th>
                    <th className="num">Sharpe</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <Fragment key={`${e.hypothesisId}-${e.symbol}`}>
                      <tr data-testid="threshold-row" data-overall={e.overall} data-hypothesis-id={e.hypothesisId} data-symbol={e.symbol} className="has-reasons">
                        <td>
                          {e.hypothesisName}
                          {riskRewardBadge(e)}
                        </td>
                        <td>{e.symbol}</td>
                        <MetricCells metrics={e.full.metrics} verdict={e.full.verdict} />
                        <SegmentCell metrics={e.inSample.metrics} verdict={e.inSample.verdict} testId="in-sample" />
                        <SegmentCell metrics={e.outOfSample.metrics} verdict={e.outOfSample.verdict} testId="out-of-sample" />
                        <WalkForwardCell walkForward={walkForwardOf(e)} gate={wf?.gate ?? null} />
                        <td className={`num sep ${e.deflatedSharpe.deflatedSharpe !== null && e.deflatedSharpe.deflatedSharpe >= t.minDeflatedSharpe ? "pass" : "fail"}`}>
                          {fmtNum(e.deflatedSharpe.deflatedSharpe, 3)}
                        </td>
                        <td className="sep">
                          <VerdictBadge value={e.overall} testId="overall" />
                        </td>
                      </tr>
                      <tr className="reasons-row" data-testid="threshold-reasons">
                        <td colSpan={11} className="small muted">
                          {e.overallReasons.length > 0 ? `Why not a pass: ${e.overallReasons.join("; ")}` : <span className="pass">Every check passed in and out of sample, and the deflated-Sharpe and walk-forward gates.</span>}
                          <WindowDetails walkForward={walkForwardOf(e)} />
                        </td>
                      </tr>
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}

      <section className="panel" data-testid="ranking">
        <h2>
          Ranking by composite score <span className="muted">top {Math.min(RANKING_SHOWN, edge.entries.length)} of {edge.entries.length}</span>
        </h2>
        <div className="table-scroll">
          <table className="data compact">
            <thead>
              <tr>
                <th className="num">Rank</th>
                <th>Hypothesis</th>
                <th>TF</th>
                <th>Instrument</th>
                <th className="num">Score</th>
                <th className="num">Confidence</th>
                <th className="num">Claimed win rate</th>
                <th>Measured (95% Wilson)</th>
                <th>Claim</th>
                <th>Bootstrap PF (95%)</th>
                <th>Overall</th>
              </tr>
            </thead>
            <tbody>
              {edge.entries.slice(0, RANKING_SHOWN).map((e) => {
                const pf = e.bootstrap.profitFactor;
                return (
                  <tr key={`${e.hypothesisId}-${e.symbol}`} data-testid="ranking-row">
                    <td className="num">{e.rank}</td>
                    <td>
                      {e.hypothesisName}
                      {riskRewardBadge(e)}
                    </td>
                    <td>{e.timeframe}</td>
                    <td>{e.symbol}</td>
                    <td className="num">{fmtNum(e.composite.score, 3)}</td>
                    <td className="num">{fmtPct(e.composite.confidence, 0)}</td>
                    <td className="num">{fmtPct(e.expectedAccuracy, 0)}</td>
                    <td className="nowrap">
                      {fmtPct(e.measuredWinRate)} {e.winRateWilson ? <span className="muted small">[{fmtPct(e.winRateWilson.lower)}, {fmtPct(e.winRateWilson.upper)}]</span> : null}
                    </td>
                    <td>{e.expectedAccuracyVerdict ? <VerdictBadge value={e.expectedAccuracyVerdict} /> : "—"}</td>
                    <td className="nowrap small">
                      {pf ? `${pf.lowerUnbounded ? "∞" : fmtNum(pf.lower)} – ${pf.upperUnbounded ? "∞" : fmtNum(pf.upper)}` : "—"}
                    </td>
                    <td>
                      <VerdictBadge value={e.overall} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="muted small">
          Score = n/(n + {t.minTrades}) × weighted margins over the thresholds (win rate 25%, PF 25%, Sharpe 20%, deflated Sharpe 30%). A high rank is not a pass.
        </p>
      </section>

      <div className="stack">
        <section className="panel" data-testid="cross-instrument">
          <h2>Cross-instrument consistency</h2>
          <div className="table-scroll">
            <table className="data compact">
              <thead>
                <tr>
                  <th>Hypothesis</th>
                  <th>Passes on</th>
                  <th>Fails on</th>
                  <th>Too few trades</th>
                  <th>Consistent</th>
                </tr>
              </thead>
              <tbody>
                {edge.crossInstrument.map((c) => (
                  <tr key={c.hypothesisId}>
                    <td>{c.hypothesisName}</td>
                    <td className="pass small">{c.summary.passes.join(", ") || "—"}</td>
                    <td className="fail small">{c.summary.fails.join(", ") || "—"}</td>
                    <td className="warn small">{c.summary.insufficient.join(", ") || "—"}</td>
                    <td>{c.summary.consistent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">An edge on one instrument only is more likely luck than one that holds on all.</p>
        </section>
        <section className="panel" data-testid="cross-timeframe">
          <h2>Higher-timeframe filter</h2>
          {crossTimeframe.length === 0 ? (
            <p className="muted">No hypothesis had a higher-timeframe variant to compare.</p>
          ) : (
            <div className="table-scroll">
              <table className="data compact">
                <thead>
                  <tr>
                    <th>Hypothesis</th>
                    <th>Instrument</th>
                    <th>Filter</th>
                    <th className="num">Win rate without → with</th>
                    <th className="num">PF without → with</th>
                    <th className="num">Trades</th>
                    <th className="num">p</th>
                    <th>Verdict</th>
                  </tr>
                </thead>
                <tbody>
                  {crossTimeframe.map((c) => (
                    <tr key={`${c.hypothesisId}-${c.symbol}`} data-testid="cross-timeframe-row">
                      <td>
                        {c.hypothesisName} <span className="muted small">{c.timeframe}</span>
                      </td>
                      <td>{c.symbol}</td>
                      <td className="small mono">{c.filter.join(" AND ")}</td>
                      <td className="num nowrap">
                        {fmtPct(c.comparison.without.winRate)} → {fmtPct(c.comparison.with.winRate)}
                      </td>
                      <td className="num nowrap">
                        {fmtProfitFactor(c.comparison.without.profitFactor, c.comparison.without.profitFactorUnbounded)} →{" "}
                        {fmtProfitFactor(c.comparison.with.profitFactor, c.comparison.with.profitFactorUnbounded)}
                      </td>
                      <td className="num nowrap">
                        {c.comparison.without.trades} → {c.comparison.with.trades}
                      </td>
                      <td className="num">{fmtNum(c.comparison.pValue, 3)}</td>
                      <td>
                        <VerdictBadge value={c.comparison.verdict} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="muted small">
            Two-proportion z-test of the win rates at α = {crossTimeframe[0]?.comparison.alpha ?? 0.05}. Filtered trades are mostly a subset of the unfiltered ones, so treat p as a
            screen, not a proof.
          </p>
        </section>
      </div>
      <p className="muted small">
        Backtests behind this analysis: <Link href="/backtests">Backtests</Link>. Analysis periods: {edge.entries[0] ? `${formatUtc(edge.entries[0].fromTime)} → ${formatUtc(edge.entries[0].toTime)}` : "—"}.
      </p>
    </>
  );
}
