import { Fragment } from "react";
import type { EdgeReport, EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { WalkForwardSettings } from "@/lib/analysis/walk-forward-stability";
import { walkForwardOf } from "@/lib/contract/reports";
import { formatNumber } from "@/lib/format";
import { MetricCells, SegmentCell } from "./metric-cells";
import { TrialRiskRewardBadge, type TrialRuns } from "./trial-risk-reward-badge";
import { VerdictBadge } from "./verdict-badge";
import { WalkForwardCell } from "./walk-forward-cell";
import { WindowDetails } from "./window-details";

const byName = (a: EdgeReportEntry, b: EdgeReportEntry) => a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol);

/** Every trial of one timeframe against the thresholds: whole period, each half, walk-forward, DSR, and why not a pass. */
export function TimeframeTrialsSection({ edge, timeframe, gate, runs }: { edge: EdgeReport; timeframe: string; gate: WalkForwardSettings["gate"] | null; runs: TrialRuns }) {
  const rows = edge.entries.filter((e) => e.timeframe === timeframe).sort(byName);
  return (
    <section className="panel" data-testid="threshold-table" data-timeframe={timeframe}>
      <h2>
        {timeframe} <span className="muted">{rows.length} trials · whole period, in sample and out of sample; green clears the threshold, red does not</span>
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
                    <TrialRiskRewardBadge entry={e} runs={runs} />
                  </td>
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
}
