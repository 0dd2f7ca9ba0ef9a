import Link from "next/link";
import { signClass } from "@/components/backtests/sign-class";
import { compareDeltas, type ComparedFigure } from "@/lib/analysis/compare-deltas";
import type { Metrics } from "@/lib/backtest/metrics/types";
import { formatNumber, formatPercent, formatProfitFactor, formatUtcDay } from "@/lib/format";
import type { ComparedRun } from "./compared-run";
import { BreakableName } from "@/components/layout/breakable-name";

interface Column {
  key: ComparedFigure;
  label: string;
  value: (m: Metrics) => string;
  delta: (d: number) => string;
  /** Whether a larger figure is the better one, for colouring the difference. */
  higherIsBetter: boolean | null;
}

const signed = (text: string, d: number) => (d > 0 ? `+${text}` : text);
const points = (d: number) => signed(`${(d * 100).toFixed(1)} pp`, d);

const COLUMNS: Column[] = [
  { key: "netReturn", label: "Net return", value: (m) => formatPercent(m.netReturn, 2), delta: (d) => signed(`${(d * 100).toFixed(2)} pp`, d), higherIsBetter: true },
  { key: "sharpe", label: "Sharpe", value: (m) => formatNumber(m.sharpe), delta: (d) => signed(formatNumber(d), d), higherIsBetter: true },
  { key: "maxDrawdown", label: "Max drawdown", value: (m) => formatPercent(m.maxDrawdown), delta: points, higherIsBetter: false },
  { key: "profitFactor", label: "Profit factor", value: (m) => formatProfitFactor(m.profitFactor, m.profitFactorUnbounded), delta: (d) => signed(formatNumber(d), d), higherIsBetter: true },
  { key: "trades", label: "Trades", value: (m) => m.trades.toLocaleString("en-US"), delta: (d) => signed(d.toLocaleString("en-US"), d), higherIsBetter: null },
  { key: "winRate", label: "Win rate", value: (m) => formatPercent(m.winRate), delta: points, higherIsBetter: true },
];

/** One row per run with its headline figures and each one's difference from run A (the first ticked). */
export function CompareSummaryTable({ runs }: { runs: readonly ComparedRun[] }) {
  const base = runs[0];
  if (!base) return null;
  return (
    <div className="table-scroll">
      <table className="data compact compare-summary" data-testid="compare-summary">
        <thead>
          <tr>
            <th>Run · period (UTC) · starting capital</th>
            {COLUMNS.map((c) => [
              <th key={c.key} className="num">
                {c.label}
              </th>,
              <th key={`${c.key}-delta`} className="num delta">
                Δ vs A
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {runs.map((run, i) => {
            const deltas = i === 0 ? null : compareDeltas(base.metrics, run.metrics);
            return (
              <tr key={run.id} data-testid="compare-run-row" data-run-id={run.id}>
                <td className="compare-run-name">
                  <span className="legend-swatch" style={{ background: run.color }} />
                  <Link href={`/backtests/${run.id}`}>
                    {run.letter}: <BreakableName name={run.title} />
                  </Link>
                  <div className="muted small">
                    {formatUtcDay(run.fromTime)} → {formatUtcDay(run.toTime)} · {run.startingEquity === null ? "capital unknown" : `${formatNumber(run.startingEquity, 0)} USDT`}
                  </div>
                </td>
                {COLUMNS.map((c) => {
                  const d = deltas?.[c.key] ?? null;
                  const tone = d === null || c.higherIsBetter === null ? "" : signClass(c.higherIsBetter ? d : -d);
                  return [
                    <td key={c.key} className="num">
                      {c.value(run.metrics)}
                    </td>,
                    <td key={`${c.key}-delta`} className={`num delta ${tone}`}>
                      {i === 0 ? "base" : d === null ? "—" : c.delta(d)}
                    </td>,
                  ];
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
