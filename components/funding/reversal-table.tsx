import { VerdictBadge } from "@/components/edge/verdict-badge";
import type { FundingStudy } from "@/lib/analysis/funding-study";
import { formatPercent } from "@/lib/format";

/** How often price reversed within each horizon after an extreme funding rate, against the claimed probability. */
export function ReversalTable({ symbol, study }: { symbol: string; study: FundingStudy | null }) {
  if (!study) return <p className="muted small">No funding study for {symbol} yet: it is part of the analysis phase of the pipeline.</p>;
  return (
    <div className="table-scroll">
      <table className="data compact" data-testid="funding-reversal">
        <thead>
          <tr>
            <th>After</th>
            <th className="num">Horizon</th>
            <th className="num">Events</th>
            <th className="num">Reversed</th>
            <th className="num">Probability</th>
            <th>95% Wilson CI</th>
            <th className="num">Claimed</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {(["extreme_bullish", "extreme_bearish"] as const).flatMap((cls) =>
            (study.reversal[cls] ?? []).map((cell) => (
              <tr key={`${cls}-${cell.horizonHours}`} data-testid="funding-reversal-row">
                <td>{cls === "extreme_bullish" ? "extreme bullish (expect a fall)" : "extreme bearish (expect a rise)"}</td>
                <td className="num">{cell.horizonHours}h</td>
                <td className="num">{cell.events}</td>
                <td className="num">{cell.reversals}</td>
                <td className="num">{formatPercent(cell.probability)}</td>
                <td className="nowrap">{cell.ci ? `${formatPercent(cell.ci.lower)} – ${formatPercent(cell.ci.upper)}` : "—"}</td>
                <td className="num">{formatPercent(cell.claimed, 0)}</td>
                <td>
                  <VerdictBadge value={cell.verdict} />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <p className="muted small">
        Measured over the analysed period of the latest analysis. Extremes cluster, so consecutive events overlap and the intervals are narrower than the truth.
      </p>
    </div>
  );
}
