import { Suspense } from "react";
import "../research.css";
import { getDatabase } from "@/db/connection";
import { fundingCoverage, loadFundingRates } from "@/db/queries/funding-rates";
import { latestReport } from "@/db/queries/research-reports";
import { fmtNum, fmtPct } from "@/components/backtest-format";
import { PipelineButton } from "@/components/edge-pipeline-button";
import { VerdictBadge } from "@/components/edge-verdict-badge";
import { EmptyState } from "@/components/empty-state";
import { FundingChart } from "@/components/funding-chart";
import { PageHeader } from "@/components/page-header";
import { DEFAULT_FUNDING_BANDS, FUNDING_CLASSES, classifyFunding, fundingIntervalMs, normaliseTo8h, type FundingClass } from "@/lib/analysis/funding-classification";
import type { FundingStudy } from "@/lib/analysis/funding-study";
import { formatUtc } from "@/lib/format";
import { asAnalysis } from "../edge/report-body";

export const dynamic = "force-dynamic";

const CLASS_LABELS: Record<FundingClass, string> = {
  extreme_bearish: "extreme bearish",
  neutral: "neutral",
  moderate_bullish: "moderate bullish",
  elevated_bullish: "elevated bullish",
  extreme_bullish: "extreme bullish",
};
const CLASS_TONE: Record<FundingClass, string> = { extreme_bearish: "warn", neutral: "muted", moderate_bullish: "", elevated_bullish: "warn", extreme_bullish: "fail" };
const ratePct = (r: number) => `${(r * 100).toFixed(4)}%`;

export default async function FundingPage() {
  const { db } = await getDatabase();
  const [coverage, report] = await Promise.all([fundingCoverage(db), latestReport(db, "edge_analysis")]);
  const analysis = report ? asAnalysis(report.body) : null;
  const studies = new Map<string, FundingStudy>((analysis?.funding ?? []).map((f) => [f.symbol, f.study]));
  const instruments = await Promise.all(
    coverage.map(async (c) => {
      const rates = await loadFundingRates(db, c.symbol);
      const intervalMs = rates.length > 1 ? fundingIntervalMs({ time: Float64Array.from(rates, (r) => r.time), length: rates.length }) : 8 * 3_600_000;
      const study = studies.get(c.symbol) ?? null;
      const bands = study?.bands ?? DEFAULT_FUNDING_BANDS;
      const points = rates.map((r) => ({ time: r.time, rate8h: normaliseTo8h(r.rate, intervalMs) }));
      const counts = Object.fromEntries(FUNDING_CLASSES.map((k) => [k, 0])) as Record<FundingClass, number>;
      for (const p of points) counts[classifyFunding(p.rate8h, bands)]++;
      const last = points[points.length - 1] ?? null;
      return { symbol: c.symbol, coverage: c, intervalMs, bands, points, counts, last, lastClass: last ? classifyFunding(last.rate8h, bands) : null, study };
    }),
  );

  return (
    <>
      <PageHeader title="Funding" subtitle="Funding-rate history, its classes, and whether price really reverses after extremes." />
      {instruments.length === 0 ? (
        <EmptyState title="No funding rates stored">
          <p>Funding history arrives with market data (generated, imported or fetched on the Data page). The pipeline generates a synthetic market when nothing is stored.</p>
          <Suspense fallback={null}>
            <PipelineButton />
          </Suspense>
        </EmptyState>
      ) : null}
      {instruments.map((i) => (
        <section key={i.symbol} className="panel" data-testid="funding-panel" data-symbol={i.symbol}>
          <h2>
            {i.symbol}{" "}
            <span className="muted">
              {i.points.length} events every {Math.round(i.intervalMs / 3_600_000)}h · {formatUtc(i.coverage.first)} → {formatUtc(i.coverage.last)} · shown as 8h-equivalent rates
            </span>
          </h2>
          <div className="funding-grid">
            <FundingChart symbol={i.symbol} points={i.points} bands={i.bands} />
            <div>
              <div className="stat">
                <div className="label">Current rate (8h)</div>
                <div className="value" data-testid="funding-current">
                  {i.last ? ratePct(i.last.rate8h) : "—"}
                </div>
                <p className="muted small">
                  {i.last && i.lastClass ? (
                    <>
                      <span className={CLASS_TONE[i.lastClass]} data-testid="funding-current-class">
                        {CLASS_LABELS[i.lastClass]}
                      </span>{" "}
                      · {formatUtc(i.last.time)}
                    </>
                  ) : null}
                </p>
              </div>
              <table className="data compact" data-testid="funding-class-counts">
                <thead>
                  <tr>
                    <th>Class (8h rate)</th>
                    <th className="num">Events</th>
                    <th className="num">Share</th>
                  </tr>
                </thead>
                <tbody>
                  {[...FUNDING_CLASSES].reverse().map((k) => (
                    <tr key={k}>
                      <td className={CLASS_TONE[k]}>
                        {CLASS_LABELS[k]}{" "}
                        <span className="muted small">
                          {k === "extreme_bullish"
                            ? `> ${ratePct(i.bands.extremeBullishAbove)}`
                            : k === "elevated_bullish"
                              ? `> ${ratePct(i.bands.elevatedBullishAbove)}`
                              : k === "moderate_bullish"
                                ? `≥ ${ratePct(i.bands.moderateBullishFrom)}`
                                : k === "extreme_bearish"
                                  ? `< ${ratePct(i.bands.extremeBearishBelow)}`
                                  : ""}
                        </span>
                      </td>
                      <td className="num">{i.counts[k]}</td>
                      <td className="num">{fmtPct(i.points.length > 0 ? i.counts[k] / i.points.length : null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <h3 className="subhead">Reversal after extremes</h3>
          {i.study ? (
            <div className="table-scroll">
              <table className="data compact" data-testid="funding-reversal">
                <thead>
                  <tr>
                    <th>After</th>
                    <th className="num">Horizon</th>
                    <th className="num">Events</th>
                    <th className="num">Reversed</th>
                    <th className="num">Probability</th>
                    <th>95% Wilson CI</th>
                    <th className="num">Claimed</th>
                    <th>Verdict</th>
                  </tr>
                </thead>
                <tbody>
                  {(["extreme_bullish", "extreme_bearish"] as const).flatMap((cls) =>
                    (i.study?.reversal[cls] ?? []).map((cell) => (
                      <tr key={`${cls}-${cell.horizonHours}`} data-testid="funding-reversal-row">
                        <td>{cls === "extreme_bullish" ? "extreme bullish (expect a fall)" : "extreme bearish (expect a rise)"}</td>
                        <td className="num">{cell.horizonHours}h</td>
                        <td className="num">{cell.events}</td>
                        <td className="num">{cell.reversals}</td>
                        <td className="num">{fmtPct(cell.probability)}</td>
                        <td className="nowrap">{cell.ci ? `${fmtPct(cell.ci.lower)} – ${fmtPct(cell.ci.upper)}` : "—"}</td>
                        <td className="num">{fmtPct(cell.claimed, 0)}</td>
                        <td>
                          <VerdictBadge value={cell.verdict} />
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
              <p className="muted small">
                Measured over the analysed period of the latest analysis. Extremes cluster, so consecutive events overlap and the intervals are narrower than the truth.
              </p>
            </div>
          ) : (
            <p className="muted small">No funding study for {i.symbol} yet: it is part of the analysis phase of the pipeline.</p>
          )}
        </section>
      ))}
      <section className="panel" data-testid="funding-cost-share">
        <h2>Funding’s share of trading costs</h2>
        {analysis && analysis.fundingCostShare.length > 0 ? (
          <table className="data compact">
            <thead>
              <tr>
                <th>Timeframe</th>
                <th className="num">Runs</th>
                <th className="num">Fees</th>
                <th className="num">Funding (net)</th>
                <th className="num">Slippage</th>
                <th className="num">Total cost</th>
                <th className="num">Funding share</th>
              </tr>
            </thead>
            <tbody>
              {[...analysis.fundingCostShare].sort((a, b) => parseInt(a.timeframe, 10) - parseInt(b.timeframe, 10)).map((c) => (
                <tr key={c.timeframe}>
                  <td>{c.timeframe}</td>
                  <td className="num">{c.runs}</td>
                  <td className="num">{fmtNum(c.feesPaid)}</td>
                  <td className="num">{fmtNum(c.fundingPaid)}</td>
                  <td className="num">{fmtNum(c.slippageCost)}</td>
                  <td className="num">{fmtNum(c.totalCost)}</td>
                  <td className="num">{fmtPct(c.fundingShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted small">Comes with the edge analysis (run the pipeline).</p>
        )}
      </section>
    </>
  );
}
