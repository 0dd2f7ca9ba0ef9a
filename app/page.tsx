import "./research.css";
import { getDatabase } from "@/db/connection";
import { loadCoverage } from "@/db/queries/coverage";
import { migrationStatus } from "@/db/queries/health";
import { asFinalReport } from "@/db/queries/report-body";
import { latestReport } from "@/db/queries/research-reports";
import { JobsList } from "@/components/jobs/jobs-list";
import { PageHeader } from "@/components/layout/page-header";
import { CoverageSection } from "@/components/overview/coverage-section";
import { LatestPipelineSection } from "@/components/overview/latest-pipeline-section";
import { NoRecommendationSection } from "@/components/overview/no-recommendation-section";
import { PipelineSection } from "@/components/overview/pipeline-section";
import { RecommendationSection } from "@/components/overview/recommendation-section";
import { StoreSection } from "@/components/overview/store-section";
import { getConfig } from "@/lib/config";
import { pipelineScope } from "@/lib/jobs/pipeline-scope";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const { db, driver, location } = await getDatabase();
  const [coverage, migrations, finalRow] = await Promise.all([loadCoverage(db), migrationStatus(db), latestReport(db, "final_report")]);
  const final = finalRow ? asFinalReport(finalRow.body) : null;
  return (
    <>
      <PageHeader title="Overview" subtitle="Test every idea; a signal earns the right to trade only by its numbers." />
      <StoreSection
        driver={driver}
        location={location}
        migrations={migrations}
        instruments={new Set(coverage.map((r) => r.symbol)).size}
        candles={coverage.reduce((sum, r) => sum + r.rows, 0)}
      />
      <CoverageSection coverage={coverage} />
      <PipelineSection scope={pipelineScope(getConfig())} />
      {final && final.recommendations ? (
        <>
          <RecommendationSection final={final} />
          <LatestPipelineSection final={final} />
        </>
      ) : (
        <NoRecommendationSection />
      )}
      <section className="panel" data-testid="recent-jobs">
        <h2>Recent jobs</h2>
        <JobsList limit={8} />
      </section>
    </>
  );
}
