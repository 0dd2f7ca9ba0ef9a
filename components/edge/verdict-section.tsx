import type { EdgeReport } from "@/lib/analysis/edge-report";
import { walkForwardOf, walkForwardSettingsOf } from "@/lib/contract/reports";
import { formatNumber, formatPercent } from "@/lib/format";
import { WalkForwardNote } from "./walk-forward-note";

/** What passed, counted by verdict, with how the deflated-Sharpe and walk-forward gates were set. */
export function VerdictSection({ edge }: { edge: EdgeReport }) {
  const t = edge.thresholds;
  const wf = walkForwardSettingsOf(edge);
  const oneWindow = edge.entries.filter((e) => walkForwardOf(e)?.stability.concentrated === true).length;
  const passed = edge.entries.filter((e) => e.overall === "pass");
  const counts = { pass: passed.length, fail: edge.entries.filter((e) => e.overall === "fail").length, insufficient: edge.entries.filter((e) => e.overall === "insufficient_data").length };
  const dsr = edge.entries[0]?.deflatedSharpe;
  return (
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
          {dsr.sharpeVariance.toExponential(2)}; the best of N would show a daily Sharpe of SR₀ = {formatNumber(dsr.expectedMaxSharpe, 3)} by luck alone. A pass needs the probability
          that a run’s Sharpe beats SR₀ (DSR) ≥ {t.minDeflatedSharpe}.
        </p>
      ) : null}
      {edge.overfitting ? (
        <p className="small" data-testid="overfitting-note" data-pbo={edge.overfitting.pbo}>
          <strong>Backtest overfitting:</strong> picking the best in-sample trial of this search lands below the median out of sample in{" "}
          <strong>{formatPercent(edge.overfitting.pbo)}</strong> of {edge.overfitting.combinations.toLocaleString("en-US")} splits (PBO by CSCV: {edge.overfitting.trials} trials&apos; daily returns over{" "}
          {edge.overfitting.days} common days in {edge.overfitting.blocks} blocks, every half as in sample). Near 50% or above, the search finds luck; near 0, its ranking holds
          out of sample: the in-sample best stays above the median trial, which can still lose money.
        </p>
      ) : null}
      {wf ? <WalkForwardNote settings={wf} flagged={oneWindow} trials={edge.trials} /> : null}
    </section>
  );
}
