import { QuickReportBadge } from "@/components/layout/quick-report-badge";
import { isQuickReport, QUICK_PIPELINE_DAYS } from "@/lib/contract/pipeline-scope";
import type { FinalReportBody } from "@/lib/contract/reports";
import { formatPercent, formatProfitFactor, formatUtc } from "@/lib/format";

/** The final report's verdict: what to paper-trade and why, and the passing set on one account against its promises. */
export function RecommendationSection({ final }: { final: FinalReportBody }) {
  const plan = final.recommendations;
  return (
    <section className="panel" data-testid="recommendation">
      <h2>
        What to trade {isQuickReport(final) ? <QuickReportBadge /> : null} <span className="muted">final report of {formatUtc(Date.parse(final.generatedAt))}</span>
      </h2>
      {isQuickReport(final) ? (
        <p className="callout" data-testid="quick-report-note">
          This report comes from a <strong>quick</strong> run: a subset of the hypotheses on the last {QUICK_PIPELINE_DAYS} days, {final.execution.trials} trials. It
          shows that every phase works, not which edges hold; run the full pipeline for the verdict.
        </p>
      ) : null}
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
                      ? formatProfitFactor(final.portfolio?.figures.profitFactor ?? null, final.portfolio?.figures.profitFactorUnbounded ?? false)
                      : r.metric === "trades per month"
                        ? (r.measured ?? 0).toFixed(0)
                        : formatPercent(r.measured)}
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
  );
}
