import { Suspense } from "react";
import "../research.css";
import { getDatabase } from "@/db/connection";
import { loadCandleSeries } from "@/db/queries/candles";
import { fundingCoverage, loadFundingRates } from "@/db/queries/funding-rates";
import { asAnalysis } from "@/db/queries/report-body";
import { latestReport } from "@/db/queries/research-reports";
import { CostShareSection } from "@/components/funding/cost-share-section";
import { FundingInstrumentSection } from "@/components/funding/instrument-section";
import { PipelineButton } from "@/components/jobs/pipeline-button";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { DEFAULT_FUNDING_BANDS } from "@/lib/analysis/funding-classification";
import { fundingEventStudy } from "@/lib/analysis/funding-event-study";
import type { FundingStudy } from "@/lib/analysis/funding-study";
import { getConfig } from "@/lib/config";
import { pipelineScope } from "@/lib/jobs/pipeline-scope";
import { toFundingSeries } from "@/lib/market/series";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

export default async function FundingPage() {
  const { db } = await getDatabase();
  const [coverage, report] = await Promise.all([fundingCoverage(db), latestReport(db, "edge_analysis")]);
  const analysis = report ? asAnalysis(report.body) : null;
  const studies = new Map<string, FundingStudy>((analysis?.funding ?? []).map((f) => [f.symbol, f.study]));
  const instruments = await Promise.all(
    coverage.map(async (c) => {
      const rates = await loadFundingRates(db, c.symbol);
      const bands = studies.get(c.symbol)?.bands ?? DEFAULT_FUNDING_BANDS;
      // The 5m closes the reversal study reads, over the funding history's span.
      const candles = rates.length > 1 ? await loadCandleSeries(db, c.symbol, "5m", { fromMs: c.first, toMs: c.last + DAY_MS }) : null;
      const eventStudy = candles && candles.length > 1 ? fundingEventStudy(toFundingSeries(c.symbol, rates), candles, { bands }) : null;
      return { ...c, rates, eventStudy };
    }),
  );

  return (
    <>
      <PageHeader title="Funding" subtitle="Funding-rate history, its classes, and whether price really reverses after extremes." />
      {instruments.length === 0 ? (
        <EmptyState title="No funding rates stored">
          <p>Funding history arrives with market data (generated, imported or fetched on the Data page). The pipeline generates a synthetic market when nothing is stored.</p>
          <Suspense fallback={null}>
            <PipelineButton scope={pipelineScope(getConfig())} />
          </Suspense>
        </EmptyState>
      ) : null}
      {instruments.map((i) => (
        <FundingInstrumentSection key={i.symbol} symbol={i.symbol} first={i.first} last={i.last} rates={i.rates} study={studies.get(i.symbol) ?? null} eventStudy={i.eventStudy} />
      ))}
      <CostShareSection fundingCostShare={analysis?.fundingCostShare ?? []} />
    </>
  );
}
