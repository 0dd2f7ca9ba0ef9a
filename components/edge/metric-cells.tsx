import type { EdgeCheck, EdgeCheckName, EdgeVerdict } from "@/lib/analysis/edge-verdict";
import type { SegmentMetrics } from "@/lib/analysis/segment-metrics";
import { formatNumber, formatPercent, formatProfitFactor } from "@/lib/format";
import { VerdictBadge } from "./verdict-badge";

const checkOf = (verdict: EdgeVerdict, name: EdgeCheckName): EdgeCheck | undefined => verdict.checks.find((c) => c.name === name);
const tone = (check: EdgeCheck | undefined) => (check === undefined ? "" : check.pass ? "pass" : "fail");

/** A win rate, or why there is none: no trades is not a win rate below the bar. */
const winRateText = (metrics: SegmentMetrics) => (metrics.trades === 0 ? "n/a — no trades" : formatPercent(metrics.winRate));

/** Trades, win rate, PF and Sharpe as table cells, each coloured by whether it clears its threshold. */
export function MetricCells({ metrics, verdict }: { metrics: SegmentMetrics; verdict: EdgeVerdict }) {
  return (
    <>
      <td className={`num ${tone(checkOf(verdict, "trades"))}`} data-check="trades">
        {metrics.trades}
      </td>
      <td className={`num ${tone(checkOf(verdict, "winRate"))}`} data-check="winRate">
        {winRateText(metrics)}
      </td>
      <td className={`num ${tone(checkOf(verdict, "profitFactor"))}`} data-check="profitFactor">
        {formatProfitFactor(metrics.profitFactor, metrics.profitFactorUnbounded)}
      </td>
      <td className={`num ${tone(checkOf(verdict, "sharpe"))}`} data-check="sharpe">
        {formatNumber(metrics.sharpe)}
      </td>
    </>
  );
}

/** One segment (in or out of sample) in a single cell: its verdict and the four figures, coloured per check. */
export function SegmentCell({ metrics, verdict, testId }: { metrics: SegmentMetrics; verdict: EdgeVerdict; testId: string }) {
  return (
    <td className="sep segment-cell" data-testid={testId} data-status={verdict.status}>
      <VerdictBadge value={verdict.status} />
      {/* Figures wrap under the verdict in a narrow column instead of widening the table past the panel. */}
      <span className="small segment-figures">
        <span className={tone(checkOf(verdict, "trades"))}>n {metrics.trades}</span> · <span className={tone(checkOf(verdict, "winRate"))}>win {winRateText(metrics)}</span> ·{" "}
        <span className={`nowrap ${tone(checkOf(verdict, "profitFactor"))}`}>PF {formatProfitFactor(metrics.profitFactor, metrics.profitFactorUnbounded)}</span> ·{" "}
        <span className={`nowrap ${tone(checkOf(verdict, "sharpe"))}`}>SR {formatNumber(metrics.sharpe)}</span>
      </span>
    </td>
  );
}
