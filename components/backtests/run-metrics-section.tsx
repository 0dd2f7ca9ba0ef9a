import type { Metrics } from "@/lib/backtest/metrics/types";
import type { RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { BelowMinRiskRewardBadge } from "./risk-reward-badge";
import { runStats } from "./run-stats";

/** Diagnostics shown as their own figures rather than in the raw list. */
const SHOWN_APART = new Set(["ambiguousBars", "ambiguousResolvedBy1m", "ambiguousAssumedStop", "riskReward"]);

/** A run's figures, the rules it tested (when its hypothesis is still stored) and its remaining diagnostics. */
export function RunMetricsSection({
  metrics,
  diagnostics,
  riskReward,
  timeframe,
  batchLabel,
  rules,
}: {
  metrics: Metrics;
  diagnostics: Readonly<Record<string, unknown>>;
  riskReward: RiskRewardReport | null;
  timeframe: string;
  batchLabel: string;
  rules: Pick<Hypothesis, "entryConditions" | "stopLoss" | "target" | "direction"> | null;
}) {
  return (
    <section className="panel" data-testid="run-metrics">
      <h2>
        Metrics <span className="muted">batch “{batchLabel}”</span>
        <BelowMinRiskRewardBadge report={riskReward} timeframe={timeframe} trades={metrics.trades} />
      </h2>
      <div className="metrics-grid">
        {runStats(metrics, diagnostics, riskReward, timeframe).map(([label, value, note]) => (
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
      <p className="muted small">
        Diagnostics:{" "}
        {Object.entries(diagnostics)
          .filter(([k]) => !SHOWN_APART.has(k))
          .map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
          .join(" · ")}
      </p>
    </section>
  );
}
