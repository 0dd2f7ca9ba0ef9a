import type { Metrics } from "@/lib/backtest/metrics/types";
import { describeDiagnostics } from "@/lib/hypothesis-runs/describe-diagnostics";
import type { RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { BelowMinRiskRewardBadge } from "./risk-reward-badge";
import { runStats } from "./run-stats";

/**
 * A run's figures, what risk rules governed it, the rules it tested (when its hypothesis is still stored) and its
 * diagnostics in words.
 */
export function RunMetricsSection({
  metrics,
  diagnostics,
  riskReward,
  timeframe,
  batchLabel,
  rules,
  riskScope,
  startingEquity,
}: {
  metrics: Metrics;
  diagnostics: Readonly<Record<string, unknown>>;
  riskReward: RiskRewardReport | null;
  timeframe: string;
  batchLabel: string;
  rules: Pick<Hypothesis, "entryConditions" | "stopLoss" | "target" | "direction"> | null;
  riskScope: string;
  startingEquity: number | null;
}) {
  const sentences = describeDiagnostics(diagnostics);
  return (
    <section className="panel" data-testid="run-metrics">
      <h2>
        Metrics <span className="muted">batch “{batchLabel}”</span>
        <BelowMinRiskRewardBadge report={riskReward} timeframe={timeframe} trades={metrics.trades} />
      </h2>
      <div className="metrics-grid">
        {runStats(metrics, diagnostics, riskReward, timeframe, startingEquity).map(([label, value, note]) => (
          <div key={label} className="stat">
            <div className="label">{label}</div>
            <div className="value">{value}</div>
            {note ? <p className="muted small">{note}</p> : null}
          </div>
        ))}
      </div>
      {rules ? (
        <p className="muted small">
          Rules: <code>{rules.entryConditions.join(" AND ")}</code> · stop <code>{rules.stopLoss}</code> · target <code>{rules.target}</code> ·{" "}
          {rules.direction}
        </p>
      ) : null}
      <p className="small" data-testid="run-risk-scope">
        {riskScope}
      </p>
      {sentences.length > 0 ? (
        <div className="run-diagnostics small" data-testid="run-diagnostics">
          <span className="muted">Diagnostics</span>
          <ul>
            {sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
