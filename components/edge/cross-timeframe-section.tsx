import { Suspense } from "react";
import { TablePager } from "@/components/tables/table-pager";
import { BreakableName } from "@/components/layout/breakable-name";
import type { CrossTimeframeRow } from "@/lib/contract/reports";
import { formatNumber, formatPercent, formatProfitFactor } from "@/lib/format";
import { VerdictBadge } from "./verdict-badge";

/** The page key of this table's pager in the URL. */
export const CROSS_TIMEFRAME_PAGE = "page_htf";

/**
 * Each hypothesis with and without its higher-timeframe filter, and whether the filter changed the win rate; one
 * page of `crossTimeframe` (the rows the filters let through) is `rows`.
 */
export function CrossTimeframeSection({ crossTimeframe, rows, page, pages }: { crossTimeframe: readonly CrossTimeframeRow[]; rows: readonly CrossTimeframeRow[]; page: number; pages: number }) {
  return (
    <section className="panel" data-testid="cross-timeframe">
      <h2>
        Higher-timeframe filter <span className="muted">{crossTimeframe.length} rows</span>
      </h2>
      {crossTimeframe.length === 0 ? (
        <p className="muted">No hypothesis had a higher-timeframe variant to compare.</p>
      ) : (
        <div className="table-scroll">
          <table className="data compact">
            <thead>
              <tr>
                <th>Hypothesis</th>
                <th>Instrument</th>
                <th>Filter</th>
                <th className="num">Win rate without → with</th>
                <th className="num">PF without → with</th>
                <th className="num">Trades</th>
                <th className="num">p</th>
                <th>Verdict</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={`${c.hypothesisId}-${c.symbol}`} data-testid="cross-timeframe-row">
                  <td className="name-cell">
                    <BreakableName name={c.hypothesisName} /> <span className="muted small">{c.timeframe}</span>
                  </td>
                  <td>{c.symbol}</td>
                  <td className="small mono">{c.filter.join(" AND ")}</td>
                  <td className="num nowrap">
                    {formatPercent(c.comparison.without.winRate)} → {formatPercent(c.comparison.with.winRate)}
                  </td>
                  <td className="num nowrap">
                    {formatProfitFactor(c.comparison.without.profitFactor, c.comparison.without.profitFactorUnbounded)} →{" "}
                    {formatProfitFactor(c.comparison.with.profitFactor, c.comparison.with.profitFactorUnbounded)}
                  </td>
                  <td className="num nowrap">
                    {c.comparison.without.trades} → {c.comparison.with.trades}
                  </td>
                  <td className="num">{formatNumber(c.comparison.pValue, 3)}</td>
                  <td>
                    <VerdictBadge value={c.comparison.verdict} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Suspense fallback={null}>
        <TablePager page={page} pages={pages} pageKey={CROSS_TIMEFRAME_PAGE} serverSide />
      </Suspense>
      <p className="muted small">
        Two-proportion z-test of the win rates at α = {crossTimeframe[0]?.comparison.alpha ?? 0.05}. Filtered trades are mostly a subset of the unfiltered ones, so treat p as a
        screen, not a proof.
      </p>
    </section>
  );
}
