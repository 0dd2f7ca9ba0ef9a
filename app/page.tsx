import Link from "next/link";
import { getDatabase } from "@/db/connection";
import { loadCoverage } from "@/db/queries/coverage";
import { migrationStatus } from "@/db/queries/health";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { formatInt } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { db, driver, location } = await getDatabase();
  const [coverage, migrations] = await Promise.all([loadCoverage(db), migrationStatus(db)]);
  const totalRows = coverage.reduce((sum, r) => sum + r.rows, 0);
  const instruments = new Set(coverage.map((r) => r.symbol));
  return (
    <>
      <PageHeader title="Overview" subtitle="Test every idea; a signal earns the right to trade only by its numbers." />
      <section className="grid">
        <div className="panel stat" data-testid="store-driver">
          <div className="label">Store</div>
          <div className="value">{driver === "pglite" ? "Embedded PostgreSQL" : "PostgreSQL server"}</div>
          <p className="muted">{location} · migrations {migrations.applied}/{migrations.expected}</p>
        </div>
        <div className="panel stat">
          <div className="label">Instruments with data</div>
          <div className="value">{instruments.size}</div>
        </div>
        <div className="panel stat">
          <div className="label">Candles stored</div>
          <div className="value">{formatInt(totalRows)}</div>
        </div>
      </section>
      {coverage.length === 0 ? (
        <EmptyState title="No market data yet">
          Run <code>npm run demo</code> to generate six months of synthetic 1m market data offline, or see the{" "}
          <Link href="/data">Data</Link> section.
        </EmptyState>
      ) : null}
    </>
  );
}
