import { Suspense } from "react";
import { PipelineButton } from "@/components/jobs/pipeline-button";
import type { PipelineScope } from "@/lib/contract/pipeline-scope";

/** The one-click research pipeline, from data to report. */
export function PipelineSection({ scope }: { scope: PipelineScope }) {
  return (
    <section className="panel" data-testid="pipeline-panel">
      <h2>Research pipeline</h2>
      <p className="muted small">
        Data → discovery → backtest → analysis → report, on the stored data (or a generated synthetic market when none is stored).
      </p>
      <Suspense fallback={null}>
        <PipelineButton scope={scope} />
      </Suspense>
    </section>
  );
}
