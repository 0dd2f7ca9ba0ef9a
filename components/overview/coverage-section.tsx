import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { TableScroll } from "@/components/layout/table-scroll";
import { formatInt, formatUtc } from "@/lib/format";
import type { CoverageSummary } from "@/lib/market/coverage";

/** Stored candles per instrument (all its timeframes together), or how to get some when there are none. */
export function CoverageSection({ coverage }: { coverage: readonly CoverageSummary[] }) {
  if (coverage.length === 0) {
    return (
      <EmptyState title="No market data yet">
        Generate a synthetic market offline, import a file or fetch from an exchange on the <Link href="/data">Data</Link> page (or run{" "}
        <code>npm run demo</code>).
      </EmptyState>
    );
  }
  const instruments = [...new Set(coverage.map((r) => r.symbol))].sort();
  return (
    <section className="panel" data-testid="coverage-summary">
      <h2>Data coverage</h2>
      <TableScroll label="Data coverage">
        <table className="data compact">
          <thead>
            <tr>
              <th>Instrument</th>
              <th>Timeframes</th>
              <th>From (UTC)</th>
              <th>To (UTC)</th>
              <th className="num">Candles</th>
              <th className="num">Missing bars</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((symbol) => {
              const rows = coverage.filter((c) => c.symbol === symbol);
              return (
                <tr key={symbol}>
                  <td>{symbol}</td>
                  <td>{rows.map((r) => r.timeframe).join(", ")}</td>
                  <td className="nowrap">{formatUtc(Math.min(...rows.map((r) => r.first)))}</td>
                  <td className="nowrap">{formatUtc(Math.max(...rows.map((r) => r.last)))}</td>
                  <td className="num">{formatInt(rows.reduce((n, r) => n + r.rows, 0))}</td>
                  <td className={`num ${rows.some((r) => r.missingBars > 0) ? "warn" : ""}`}>{formatInt(rows.reduce((n, r) => n + r.missingBars, 0))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted small">
        Details per timeframe and gaps on the <Link href="/data">Data</Link> page.
      </p>
    </section>
  );
}
