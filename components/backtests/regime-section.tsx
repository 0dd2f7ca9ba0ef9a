import type { Metrics } from "@/lib/backtest/metrics/types";
import { REGIME_NAMES } from "@/lib/backtest/regime-codes";
import { formatNumber, formatPercent, formatProfitFactor } from "@/lib/format";
import { signClass } from "./sign-class";

/** A run's trades grouped by the market regime they were entered in. */
export function RegimeSection({ byRegime }: { byRegime: Metrics["byRegime"] }) {
  return (
    <section className="panel">
      <h2>By regime</h2>
      <table className="data compact" data-testid="regime-table">
        <thead>
          <tr>
            <th>Regime</th>
            <th className="num">Trades</th>
            <th className="num">Win rate</th>
            <th className="num">PF</th>
            <th className="num">Net PnL (USDT)</th>
          </tr>
        </thead>
        <tbody>
          {REGIME_NAMES.map((name) => {
            const g = byRegime[name];
            return (
              <tr key={name}>
                <td>{name}</td>
                <td className="num">{g.trades}</td>
                <td className="num">{formatPercent(g.winRate)}</td>
                <td className="num">{formatProfitFactor(g.profitFactor, g.profitFactorUnbounded)}</td>
                <td className={`num ${signClass(g.netPnl)}`}>{formatNumber(g.netPnl)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
