import Link from "next/link";
import { Fragment, Suspense } from "react";
import { CsvDownloadButton } from "@/components/tables/csv-download-button";
import { TablePager } from "@/components/tables/table-pager";
import { BreakableName } from "@/components/layout/breakable-name";
import type { EdgeReport, EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { WalkForwardSettings } from "@/lib/analysis/walk-forward-stability";
import { walkForwardOf } from "@/lib/contract/reports";
import { formatNumber } from "@/lib/format";
import { MetricCells, SegmentCell } from "./metric-cells";
import { TrialRiskRewardBadge, trialKey, type TrialRuns } from "./trial-risk-reward-badge";
import { VerdictBadge } from "./verdict-badge";
import { WalkForwardCell } from "./walk-forward-cell";
import { WindowDetails } from "./window-details";

const COLUMNS = 13;

/** Why a trial is not a pass, folded to its first reason: the full list is a click away instead of a line per row. */
function Reasons({ reasons }: { reasons: readonly string[] }) {
  if (reasons.length === 0) return <span className="pass">Every check passed in and out of sample, and the deflated-Sharpe and walk-forward gates.</span>;
  return (
    <details className="reasons" data-testid="why-not-pass">
      <summary>
        Why not a pass: {reasons[0]}
        {reasons.length > 1 ? <span className="muted"> (+{reasons.length - 1} more)</span> : null}
      </summary>
      <ul className="reasons">
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The trials the filters let through (`entries`, in timeframe then name order), one page of them: whole period, each
 * half, walk-forward, DSR and why not a pass. Each trial links to its stored run. `total` counts every trial.
 */
export function TrialsSection({ edge, entries, rows, page, pages, gate, runs, csv }: { edge: EdgeReport; entries: readonly EdgeReportEntry[]; rows: readonly EdgeReportEntry[]; page: number; pages: number; gate: WalkForwardSettings["gate"] | null; runs: TrialRuns; csv: string }) {
  return (
    <section className="panel" data-testid="threshold-table">
      <h2>
        Trials{" "}
        <span className="muted" data-testid="trials-matching" data-matching={entries.length}>
          {entries.length === edge.entries.length ? `${entries.length} trials` : `${entries.length} of ${edge.entries.length} trials match`} · whole period, in sample and out of sample; green clears the
          threshold, red does not
        </span>
      </h2>
      <div className="filter-bar">
        <CsvDownloadButton filename={`edge-trials-${edge.entries[0]?.toTime ?? "report"}.csv`} csv={csv} rows={entries.length} testId="trials-export" />
        <span className="muted small">Sharpe: annualised, the mean of daily returns over their standard deviation × √365.</span>
      </div>
      <div className="table-scroll">
        <table className="data compact trials-table">
          <thead>
            <tr>
              <th rowSpan={2}>Hypothesis</th>
              <th rowSpan={2}>TF</th>
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
              <th rowSpan={2} className="num sep" title="deflated Sharpe: the probability the Sharpe beats the best of N trials by luck">
                DSR
              </th>
              <th rowSpan={2} className="sep">
                Overall
              </th>
            </tr>
            <tr>
              <th className="num">Trades</th>
              <th className="num">Win rate %</th>
              <th className="num">PF</th>
              <th className="num" title="annualised: mean / standard deviation of daily returns × √365">
                Sharpe (ann.)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS} className="muted small" data-testid="trials-none">
                  No trial matches the filters.
                </td>
              </tr>
            ) : null}
            {rows.map((e) => {
              const run = runs.get(trialKey(e.hypothesisId, e.symbol));
              return (
                <Fragment key={`${e.hypothesisId}-${e.symbol}`}>
                  <tr data-testid="threshold-row" data-overall={e.overall} data-hypothesis-id={e.hypothesisId} data-symbol={e.symbol} data-timeframe={e.timeframe} className="has-reasons">
                    <td className="name-cell">
                      {run ? (
                        <Link href={`/backtests/${run.id}`} data-testid="trial-run-link" title="open the run: chart, trades and equity">
                          <BreakableName name={e.hypothesisName} />
                        </Link>
                      ) : (
                        <span title="this trial's run is no longer stored">
                          <BreakableName name={e.hypothesisName} />
                        </span>
                      )}
                      <TrialRiskRewardBadge entry={e} runs={runs} />
                    </td>
                    <td>{e.timeframe}</td>
                    <td>{e.symbol}</td>
                    <MetricCells metrics={e.full.metrics} verdict={e.full.verdict} />
                    <SegmentCell metrics={e.inSample.metrics} verdict={e.inSample.verdict} testId="in-sample" />
                    <SegmentCell metrics={e.outOfSample.metrics} verdict={e.outOfSample.verdict} testId="out-of-sample" />
                    <WalkForwardCell walkForward={walkForwardOf(e)} gate={gate} />
                    <td className={`num sep ${e.deflatedSharpe.deflatedSharpe !== null && e.deflatedSharpe.deflatedSharpe >= edge.thresholds.minDeflatedSharpe ? "pass" : "fail"}`}>
                      {formatNumber(e.deflatedSharpe.deflatedSharpe, 3)}
                    </td>
                    <td className="sep">
                      <VerdictBadge value={e.overall} testId="overall" />
                    </td>
                  </tr>
                  <tr className="reasons-row" data-testid="threshold-reasons">
                    <td colSpan={COLUMNS} className="small muted">
                      <Reasons reasons={e.overallReasons} />
                      <WindowDetails walkForward={walkForwardOf(e)} />
                    </td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <Suspense fallback={null}>
        <TablePager page={page} pages={pages} serverSide />
      </Suspense>
    </section>
  );
}
