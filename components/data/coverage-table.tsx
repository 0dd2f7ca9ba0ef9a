import { formatInt, formatUtc } from "@/lib/format";
import type { CoverageSummary } from "@/lib/market/coverage";
import { compareTimeframes } from "@/lib/market/timeframe";
import { TableScroll } from "@/components/layout/table-scroll";

export interface CoverageRow extends CoverageSummary {
  /** Where the series came from (`synthetic (seed 42)`, `file (btc.csv)`, `krakenfutures`), when recorded. */
  source?: string | null;
  /** The first holes in the series (after / before are the bars either side). */
  gaps?: readonly { after: number; before: number; missingBars: number }[];
}

/** Stored candles per instrument and timeframe (shortest bar first), with their holes. */
export function CoverageTable({ rows }: { rows: CoverageRow[] }) {
  const withSource = rows.some((r) => r.source !== undefined);
  const ordered = [...rows].sort((a, b) => a.symbol.localeCompare(b.symbol) || compareTimeframes(a.timeframe, b.timeframe));
  return (
    <TableScroll label="Candle coverage">
      <table className="data" data-testid="coverage-table">
        <thead>
          <tr>
            <th>Instrument</th>
            <th>Timeframe</th>
            <th>First bar</th>
            <th>Last bar</th>
            <th className="num">Candles (bars)</th>
            <th className="num">Missing (bars)</th>
            {withSource ? <th>Source</th> : null}
          </tr>
        </thead>
        <tbody>
          {ordered.map((r) => (
            <tr key={`${r.symbol}-${r.timeframe}`} data-testid="coverage-row" data-symbol={r.symbol} data-timeframe={r.timeframe}>
              <td>{r.symbol}</td>
              <td>{r.timeframe}</td>
              <td className="nowrap">{formatUtc(r.first)}</td>
              <td className="nowrap">{formatUtc(r.last)}</td>
              <td className="num" data-testid="coverage-rows">
                {formatInt(r.rows)}
              </td>
              <td className={`num ${r.missingBars > 0 ? "warn" : ""}`}>
                {r.missingBars > 0 && r.gaps && r.gaps.length > 0 ? (
                  <details className="gaps">
                    <summary>{formatInt(r.missingBars)}</summary>
                    <ul>
                      {r.gaps.map((g) => (
                        <li key={g.after}>
                          {formatInt(g.missingBars)} after {formatUtc(g.after)}
                        </li>
                      ))}
                      {r.gaps.length >= 10 ? <li className="muted">first 10 gaps shown</li> : null}
                    </ul>
                  </details>
                ) : (
                  formatInt(r.missingBars)
                )}
              </td>
              {withSource ? <td className="muted">{r.source ?? "unrecorded"}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
