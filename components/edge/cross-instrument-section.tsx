import { Suspense } from "react";
import { TablePager } from "@/components/tables/table-pager";
import { BreakableName } from "@/components/layout/breakable-name";
import type { EdgeReport } from "@/lib/analysis/edge-report";

/** The page key of this table's pager in the URL. */
export const CROSS_INSTRUMENT_PAGE = "page_ci";

/**
 * Per hypothesis, the instruments it passes, fails and lacks trades on: an edge on one instrument is likely luck.
 * `rows` is one page of `crossInstrument` (the rows the filters let through).
 */
export function CrossInstrumentSection({ crossInstrument, rows, page, pages }: { crossInstrument: EdgeReport["crossInstrument"]; rows: EdgeReport["crossInstrument"]; page: number; pages: number }) {
  return (
    <section className="panel" data-testid="cross-instrument">
      <h2>
        Cross-instrument consistency <span className="muted">{crossInstrument.length} hypotheses</span>
      </h2>
      <div className="table-scroll">
        <table className="data compact">
          <thead>
            <tr>
              <th>Hypothesis</th>
              <th>Passes on</th>
              <th>Fails on</th>
              <th>Too few trades</th>
              <th>Consistent</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.hypothesisId}>
                <td className="name-cell">
                  <BreakableName name={c.hypothesisName} />
                </td>
                <td className="pass small">{c.summary.passes.join(", ") || "—"}</td>
                <td className="fail small">{c.summary.fails.join(", ") || "—"}</td>
                <td className="warn small">{c.summary.insufficient.join(", ") || "—"}</td>
                <td>{c.summary.consistent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Suspense fallback={null}>
        <TablePager page={page} pages={pages} pageKey={CROSS_INSTRUMENT_PAGE} serverSide />
      </Suspense>
      <p className="muted small">An edge on one instrument only is more likely luck than one that holds on all.</p>
    </section>
  );
}
