import type { FundingCostShare } from "@/lib/analysis/funding-cost-share";
import { formatNumber, formatPercent } from "@/lib/format";

/** Per timeframe, what fees, funding and slippage cost the analysed runs, and funding's part of it. */
export function CostShareSection({ fundingCostShare }: { fundingCostShare: readonly FundingCostShare[] }) {
  return (
    <section className="panel" data-testid="funding-cost-share">
      <h2>Funding’s share of trading costs</h2>
      {fundingCostShare.length > 0 ? (
        <table className="data compact">
          <thead>
            <tr>
              <th>Timeframe</th>
              <th className="num">Runs</th>
              <th className="num">Fees</th>
              <th className="num">Funding (net)</th>
              <th className="num">Slippage</th>
              <th className="num">Total cost</th>
              <th className="num">Funding share</th>
            </tr>
          </thead>
          <tbody>
            {[...fundingCostShare].sort((a, b) => parseInt(a.timeframe, 10) - parseInt(b.timeframe, 10)).map((c) => (
              <tr key={c.timeframe}>
                <td>{c.timeframe}</td>
                <td className="num">{c.runs}</td>
                <td className="num">{formatNumber(c.feesPaid)}</td>
                <td className="num">{formatNumber(c.fundingPaid)}</td>
                <td className="num">{formatNumber(c.slippageCost)}</td>
                <td className="num">{formatNumber(c.totalCost)}</td>
                <td className="num">{formatPercent(c.fundingShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">Comes with the edge analysis (run the pipeline).</p>
      )}
    </section>
  );
}
