import type { CoverageSummary } from "@/lib/market/coverage";
import { formatInt, formatUtc } from "@/lib/format";

export function CoverageTable({ rows }: { rows: CoverageSummary[] }) {
  return (
    <table className="data" data-testid="coverage-table">
      <thead>
        <tr>
          <th>Instrument</th>
          <th>Timeframe</th>
          <th>First bar</th>
          <th>Last bar</th>
          <th className="num">Rows</th>
          <th className="num">Missing bars</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.symbol}-${r.timeframe}`}>
            <td>{r.symbol}</td>
            <td>{r.timeframe}</td>
            <td>{formatUtc(r.first)}</td>
            <td>{formatUtc(r.last)}</td>
            <td className="num">{formatInt(r.rows)}</td>
            <td className={`num ${r.missingBars > 0 ? "warn" : ""}`}>{formatInt(r.missingBars)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
