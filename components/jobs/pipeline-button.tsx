"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { FormError } from "@/components/forms/form-field";
import { generalMessage } from "@/lib/client/api-client";
import { useJobParam } from "@/lib/client/use-job-param";
import { useStartJob } from "@/lib/client/use-start-job";
import { JobProgress } from "./job-progress";

/**
 * One click for the whole research pipeline on stored (or, with none, synthetic) data: discovery, backtest, analysis
 * and the final report, with live progress. Quick mode tests a small subset on the last two weeks, in about a minute
 * here; the full catalog on six months takes much longer on two cores.
 */
export function PipelineButton({ label = "Run the full pipeline" }: { label?: string }) {
  const router = useRouter();
  const [jobId, setJobId] = useJobParam();
  const [quick, setQuick] = useState(true);
  const start = useStartJob("pipeline");
  const refresh = useCallback(() => router.refresh(), [router]);
  return (
    <div className="pipeline-button" data-testid="pipeline-launcher">
      <div className="pair">
        <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate({ mode: "full", noFetch: true, quick })} data-testid="run-pipeline">
          {start.isPending ? "Starting…" : label}
        </button>
        <label className="checkbox small">
          <input type="checkbox" checked={quick} onChange={(e) => setQuick(e.target.checked)} data-testid="pipeline-quick" />
          quick (subset, last two weeks)
        </label>
      </div>
      <FormError message={generalMessage(start.error, [])} testId="pipeline-error" />
      {jobId ? <JobProgress key={jobId} jobId={jobId} onFinished={refresh} onDismiss={() => setJobId(null)} /> : null}
    </div>
  );
}
