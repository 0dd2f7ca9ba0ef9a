import { Suspense } from "react";
import { getDatabase } from "@/db/connection";
import { CoverageTable } from "@/components/data/coverage-table";
import { FetchMarketForm } from "@/components/data/fetch-market-form";
import { FundingCoverageTable } from "@/components/data/funding-coverage-table";
import { GenerateMarketForm } from "@/components/data/generate-market-form";
import { ImportFileForm } from "@/components/data/import-file-form";
import { JobsPanel } from "@/components/jobs/jobs-panel";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { getConfig } from "@/lib/config";
import { SYNTHETIC_DEFAULT_END } from "@/lib/jobs/generate-market-data";
import { marketStatus } from "@/lib/jobs/market-status";
import { TIMEFRAMES } from "@/lib/market/timeframe";

export const dynamic = "force-dynamic";

/** Timeframes worth fetching or importing: the 1m base and the trading timeframes, then the higher ones. */
const DATA_TIMEFRAMES = TIMEFRAMES.filter((tf) => tf !== "1w");

export default async function DataPage() {
  const { db } = await getDatabase();
  const config = getConfig();
  const status = await marketStatus(db);
  return (
    <>
      <PageHeader title="Data" subtitle="Candles and funding rates per instrument and timeframe (times in UTC)." />
      <section className="panel">
        <h2>Candle coverage</h2>
        {status.candles.length > 0 ? (
          <CoverageTable rows={status.candles} />
        ) : (
          <EmptyState title="Nothing stored yet">
            Generate the offline synthetic market below (or <code>npm run demo</code>), import a file, or fetch from an exchange.
          </EmptyState>
        )}
      </section>
      <section className="panel">
        <h2>Funding coverage</h2>
        {status.funding.length > 0 ? (
          <FundingCoverageTable rows={status.funding} />
        ) : (
          <p className="muted" data-testid="funding-empty">
            No funding rates stored. The synthetic market and exchange fetches store them with the candles; a funding file can be imported.
          </p>
        )}
      </section>
      <div className="split">
        <div className="split-main">
          <GenerateMarketForm instruments={config.instruments} endMs={SYNTHETIC_DEFAULT_END} />
          <ImportFileForm instruments={config.instruments} timeframes={DATA_TIMEFRAMES} />
          <FetchMarketForm instruments={config.instruments} timeframes={["1m", ...config.timeframes]} defaultMonths={config.dataLookbackMonths} />
        </div>
        <aside className="split-side">
          {/* useSearchParams (the followed ?job=) needs a Suspense boundary. */}
          <Suspense fallback={<section className="panel muted">Loading jobs…</section>}>
            <JobsPanel />
          </Suspense>
        </aside>
      </div>
    </>
  );
}
