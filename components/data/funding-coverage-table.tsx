import { formatInt, formatUtc } from "@/lib/format";
import { TableScroll } from "@/components/layout/table-scroll";

export interface FundingCoverageRow {
  symbol: string;
  first: number;
  last: number;
  rows: number;
  source: string | null;
}

/** Stored funding rates per instrument: how many, over which period, from where. */
export function FundingCoverageTable({ rows }: { rows: FundingCoverageRow[] }) {
  return (
    <TableScroll label="Funding coverage">
      <table className="data" data-testid="funding-coverage-table">
        <thead>
          <tr>
            <th>Instrument</th>
            <th>First rate</th>
            <th>Last rate</th>
            <th className="num">Rates (count)</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.symbol} data-testid="funding-coverage-row" data-symbol={r.symbol}>
              <td>{r.symbol}</td>
              <td className="nowrap">{formatUtc(r.first)}</td>
              <td className="nowrap">{formatUtc(r.last)}</td>
              <td className="num">{formatInt(r.rows)}</td>
              <td className="muted">{r.source ?? "unrecorded"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
