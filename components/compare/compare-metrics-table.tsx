import { SHARPE_NOTE } from "@/components/backtests/run-stats";
import type { Metrics } from "@/lib/backtest/metrics/types";
import { formatNumber, formatPercent, formatProfitFactor } from "@/lib/format";
import type { ComparedRun } from "./compared-run";

interface Row {
  label: string;
  value: (m: Metrics) => string;
  /** Larger is better; absent where "better" is not clear (trade count, exposure, costs). */
  better?: (m: Metrics) => number | null;
}

const usdt = (value: number | null) => (value === null ? "—" : `${formatNumber(value)} USDT`);

const ROWS: Row[] = [
  { label: "Trades", value: (m) => m.trades.toLocaleString("en-US") },
  { label: "Win rate", value: (m) => formatPercent(m.winRate), better: (m) => m.winRate },
  { label: "Profit factor", value: (m) => formatProfitFactor(m.profitFactor, m.profitFactorUnbounded), better: (m) => (m.profitFactorUnbounded ? Number.MAX_VALUE : m.profitFactor) },
  { label: "Net return", value: (m) => formatPercent(m.netReturn, 2), better: (m) => m.netReturn },
  { label: "Sharpe (annualised)", value: (m) => formatNumber(m.sharpe), better: (m) => m.sharpe },
  { label: "Sortino (annualised)", value: (m) => formatNumber(m.sortino), better: (m) => m.sortino },
  { label: "Max drawdown", value: (m) => formatPercent(m.maxDrawdown), better: (m) => -m.maxDrawdown },
  { label: "Expectancy (R per trade)", value: (m) => formatNumber(m.expectancyR), better: (m) => m.expectancyR },
  { label: "Expectancy (per trade)", value: (m) => usdt(m.expectancy), better: (m) => m.expectancy },
  { label: "Trades per day", value: (m) => formatNumber(m.tradesPerDay) },
  { label: "Exposure", value: (m) => formatPercent(m.exposure) },
  { label: "Fees paid", value: (m) => usdt(m.feesPaid) },
  { label: "Funding paid", value: (m) => usdt(m.fundingPaid) },
  { label: "Longest losing streak (trades)", value: (m) => String(m.longestLosingStreak) },
];

/** Every metric of every compared run; the best of a row in bold where "better" is clear. */
export function CompareMetricsTable({ runs }: { runs: readonly ComparedRun[] }) {
  return (
    <>
      <div className="table-scroll">
        <table className="data compact" data-testid="compare-table">
          <thead>
            <tr>
              <th>Metric</th>
              {runs.map((run) => (
                <th key={run.id} className="num">
                  <span className="legend-swatch" style={{ background: run.color }} />
                  {run.letter}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const scores = runs.map((run) => row.better?.(run.metrics) ?? null);
              const known = scores.filter((s): s is number => s !== null);
              const best = known.length > 1 && new Set(known).size > 1 ? Math.max(...known) : null;
              return (
                <tr key={row.label}>
                  <td>{row.label}</td>
                  {runs.map((run, i) => (
                    <td key={run.id} className={`num ${best !== null && scores[i] === best ? "strong" : ""}`}>
                      {row.value(run.metrics)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        The best of the runs is in bold where “better” is clear; it says nothing about whether any has an edge. Sharpe is {SHARPE_NOTE}; Sortino the same with the downside deviation.
      </p>
    </>
  );
}
