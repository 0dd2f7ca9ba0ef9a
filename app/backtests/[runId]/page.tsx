import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import "../../research.css";
import { getDatabase } from "@/db/connection";
import { getBatch, getRun, loadEquity } from "@/db/queries/backtests";
import { getHypothesis } from "@/db/queries/hypotheses";
import { BacktestRunExplorer } from "@/components/backtest-run-explorer";
import { fmtNum, fmtPct, fmtProfitFactor, signClass } from "@/components/backtest-format";
import { EquityChart } from "@/components/chart-equity";
import { BelowMinRiskRewardBadge } from "@/components/risk-reward-badge";
import { CHART_COLORS } from "@/components/chart-theme";
import { PageHeader } from "@/components/page-header";
import { REGIME_NAMES } from "@/lib/backtest/regime-codes";
import { formatUtc } from "@/lib/format";
import { describeRiskRewardShortfall, isRunBelowMinRiskReward } from "@/lib/hypothesis-runs/risk-reward-report";
import { formatRiskReward } from "@/lib/signals/min-risk-reward";
import { timeframeMs, timeframeSchema } from "@/lib/market/timeframe";
import { overlaySpecsOf } from "../../api/market/candles/candle-window";
import { runMetrics, runRiskReward } from "../../api/backtests/run-json";

export const dynamic = "force-dynamic";

/** Diagnostics shown as their own figures rather than in the raw list. */
const SHOWN_APART = new Set(["ambiguousBars", "ambiguousResolvedBy1m", "ambiguousAssumedStop", "riskReward"]);
const count = (value: unknown) => (typeof value === "number" ? value : null);

const hours = (ms: number) => (ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} d` : `${(ms / 3_600_000).toFixed(1)} h`);

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  if (!z.uuid().safeParse(runId).success) notFound();
  const { db } = await getDatabase();
  const run = await getRun(db, runId);
  if (!run) notFound();
  const [equity, hypothesis, batch] = await Promise.all([loadEquity(db, run.id), run.hypothesisId ? getHypothesis(db, run.hypothesisId) : undefined, getBatch(db, run.batchId)]);
  const m = runMetrics(run);
  const timeframe = timeframeSchema.parse(run.timeframe);
  const diagnostics = (run.diagnostics ?? {}) as Record<string, unknown>;
  const riskReward = runRiskReward(run);
  const bothHit = count(diagnostics.ambiguousBars);
  const resolved = count(diagnostics.ambiguousResolvedBy1m);
  const assumed = count(diagnostics.ambiguousAssumedStop);
  const stats: [string, string, string?][] = [
    ["Trades", m.trades.toLocaleString("en-US")],
    ["Win rate", fmtPct(m.winRate), `${m.wins} won / ${m.losses} lost`],
    ["Profit factor", fmtProfitFactor(m.profitFactor, m.profitFactorUnbounded)],
    ["Net return", fmtPct(m.netReturn, 2)],
    ["CAGR", fmtPct(m.cagr)],
    ["Sharpe", fmtNum(m.sharpe)],
    ["Sortino", fmtNum(m.sortino)],
    ["Max drawdown", fmtPct(m.maxDrawdown), `lasted ${hours(m.maxDrawdownDurationMs)}`],
    ["Expectancy", fmtNum(m.expectancy), `${fmtNum(m.expectancyR)} R per trade`],
    ["Average win / loss", `${fmtNum(m.averageWin)} / ${fmtNum(m.averageLoss)}`],
    ["Average hold", m.averageHoldMinutes === null ? "—" : `${fmtNum(m.averageHoldMinutes, 0)} min`],
    ["Trades per day", fmtNum(m.tradesPerDay)],
    ["Exposure", fmtPct(m.exposure)],
    ["Fees paid", fmtNum(m.feesPaid)],
    ["Funding paid", fmtNum(m.fundingPaid), "negative = received"],
    ["Slippage cost", fmtNum(m.slippageCost)],
    ["Longest losing streak", String(m.longestLosingStreak)],
  ];
  if (bothHit !== null) {
    const split = resolved !== null && assumed !== null ? `${resolved} ordered by 1m data, ${assumed} assumed stop first` : undefined;
    stats.push(["Bars hitting stop and target", String(bothHit), split]);
  }
  if (riskReward) {
    const value = riskReward.planned === null ? "per trade" : formatRiskReward(riskReward.planned, riskReward.minimum);
    const note = isRunBelowMinRiskReward(riskReward)
      ? describeRiskRewardShortfall(riskReward, run.timeframe, m.trades)
      : `minimum ${riskReward.minimum}R for ${run.timeframe}${riskReward.planned === null ? "; no trade below it" : ""}`;
    stats.push(["Reward:risk", value, note]);
  }
  return (
    <>
      <PageHeader title={run.hypothesisName} subtitle={`${run.symbol} · ${run.timeframe} · ${formatUtc(run.fromTime)} → ${formatUtc(run.toTime)}`}>
        <Link href="/backtests">← all backtests</Link>
      </PageHeader>
      <section className="panel" data-testid="run-metrics">
        <h2>
          Metrics <span className="muted">batch “{batch?.label ?? run.batchId}”</span>
          <BelowMinRiskRewardBadge report={riskReward} timeframe={run.timeframe} trades={m.trades} />
        </h2>
        <div className="metrics-grid">
          {stats.map(([label, value, note]) => (
            <div key={label} className="stat">
              <div className="label">{label}</div>
              <div className="value">{value}</div>
              {note ? <p className="muted small">{note}</p> : null}
            </div>
          ))}
        </div>
        {hypothesis ? (
          <p className="muted small">
            Rules: <code>{hypothesis.entryConditions.join(" AND ")}</code> · stop <code>{hypothesis.stopLoss}</code> · target <code>{hypothesis.target}</code> ·{" "}
            {hypothesis.direction}
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
      <section className="panel">
        <h2>
          Equity and drawdown <span className="muted">{equity.length} points, marked at bar closes</span>
        </h2>
        {equity.length > 1 ? <EquityChart curves={[{ label: "equity", color: CHART_COLORS.accent, points: equity }]} drawdown height={340} /> : <p className="muted">No equity curve stored.</p>}
      </section>
      <div className="two-col">
        <section className="panel">
          <h2>By regime</h2>
          <table className="data compact" data-testid="regime-table">
            <thead>
              <tr>
                <th>Regime</th>
                <th className="num">Trades</th>
                <th className="num">Win rate</th>
                <th className="num">PF</th>
                <th className="num">Net PnL</th>
              </tr>
            </thead>
            <tbody>
              {REGIME_NAMES.map((name) => {
                const g = m.byRegime[name];
                return (
                  <tr key={name}>
                    <td>{name}</td>
                    <td className="num">{g.trades}</td>
                    <td className="num">{fmtPct(g.winRate)}</td>
                    <td className="num">{fmtProfitFactor(g.profitFactor, g.profitFactorUnbounded)}</td>
                    <td className={`num ${signClass(g.netPnl)}`}>{fmtNum(g.netPnl)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>By month (UTC, of exit)</h2>
          {m.byMonth.length === 0 ? (
            <p className="muted">No closed trades.</p>
          ) : (
            <table className="data compact" data-testid="month-table">
              <thead>
                <tr>
                  <th>Month</th>
                  <th className="num">Trades</th>
                  <th className="num">Net PnL</th>
                  <th className="num">Return</th>
                </tr>
              </thead>
              <tbody>
                {m.byMonth.map((row) => (
                  <tr key={row.month}>
                    <td>{row.month}</td>
                    <td className="num">{row.trades}</td>
                    <td className={`num ${signClass(row.netPnl)}`}>{fmtNum(row.netPnl)}</td>
                    <td className={`num ${signClass(row.netReturn)}`}>{fmtPct(row.netReturn, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <div className="stack" />
      <BacktestRunExplorer
        runId={run.id}
        symbol={run.symbol}
        timeframe={timeframe}
        barMs={timeframeMs(timeframe)}
        fromTime={run.fromTime}
        toTime={run.toTime}
        overlays={hypothesis ? overlaySpecsOf(hypothesis.entryConditions) : []}
      />
    </>
  );
}
