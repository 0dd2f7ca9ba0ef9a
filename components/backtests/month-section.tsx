import type { Metrics } from "@/lib/backtest/metrics/types";
import { formatNumber, formatPercent } from "@/lib/format";
import { signClass } from "./sign-class";

/** A run's closed trades per UTC month of their exit. */
export function MonthSection({ byMonth }: { byMonth: Metrics["byMonth"] }) {
  return (
    <section className="panel">
      <h2>By month (UTC, of exit)</h2>
      {byMonth.length === 0 ? (
        <p className="muted">No closed trades.</p>
      ) : (
        <table className="data compact" data-testid="month-table">
          <thead>
            <tr>
              <th>Month</th>
              <th className="num">Trades</th>
              <th className="num">Net PnL (USDT)</th>
              <th className="num">Return</th>
            </tr>
          </thead>
          <tbody>
            {byMonth.map((row) => (
              <tr key={row.month}>
                <td>{row.month}</td>
                <td className="num">{row.trades}</td>
                <td className={`num ${signClass(row.netPnl)}`}>{formatNumber(row.netPnl)}</td>
                <td className={`num ${signClass(row.netReturn)}`}>{formatPercent(row.netReturn, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
