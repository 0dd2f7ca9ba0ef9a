import type { EdgeThresholds } from "@/lib/analysis/edge-verdict";
import { formatNumber, formatPercent } from "@/lib/format";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";

/** The thresholds the analysis was judged with, and whether the configuration still says the same. */
export function ThresholdsSection({ thresholds: t, configChanged }: { thresholds: EdgeThresholds; configChanged: boolean }) {
  return (
    <section className="panel" data-testid="thresholds">
      <h2>Thresholds per timeframe</h2>
      <div className="table-scroll">
        <table className="data compact">
          <thead>
            <tr>
              <th>Timeframe</th>
              <th className="num">Win rate ≥</th>
              <th className="num">Profit factor ≥</th>
              <th className="num">Sharpe ≥</th>
              <th className="num">Trades ≥</th>
              <th className="num">Deflated Sharpe ≥</th>
            </tr>
          </thead>
          <tbody>
            {TRADING_TIMEFRAMES.map((tf) => (
              <tr key={tf} data-testid="threshold-def" data-timeframe={tf}>
                <td>{tf}</td>
                <td className="num">{formatPercent(t.winRate, 0)}</td>
                <td className="num">{formatNumber(t.profitFactor[tf], 2)}</td>
                <td className="num">{formatNumber(t.sharpe, 2)}</td>
                <td className="num">{t.minTrades}</td>
                <td className="num">{t.minDeflatedSharpe}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        The thresholds the analysis was judged with.{" "}
        {configChanged ? <span className="warn">The configuration has changed since; run the analysis again to apply the new ones.</span> : "They match the current configuration."}
      </p>
    </section>
  );
}
