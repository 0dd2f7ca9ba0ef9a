import { getDatabase } from "@/db/connection";
import { loadCoverage } from "@/db/queries/coverage";
import { CoverageTable } from "@/components/coverage-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";

export const dynamic = "force-dynamic";

export default async function DataPage() {
  const { db } = await getDatabase();
  const coverage = await loadCoverage(db);
  return (
    <>
      <PageHeader title="Data" subtitle="Candles and funding rates per instrument and timeframe (times in UTC)." />
      <section className="panel">
        <h2>Coverage</h2>
        {coverage.length > 0 ? (
          <CoverageTable rows={coverage} />
        ) : (
          <EmptyState title="Nothing stored yet">
            Generate the offline synthetic market with <code>npm run demo</code>, or fetch from Kraken Futures with{" "}
            <code>npm run data -- fetch</code>.
          </EmptyState>
        )}
      </section>
    </>
  );
}
