"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { FormError } from "@/components/forms/form-field";
import { generalMessage } from "@/lib/client/api-client";
import { useJobParam } from "@/lib/client/use-job-param";
import { useStartJob } from "@/lib/client/use-start-job";
import { QUICK_PIPELINE_DAYS, type PipelineScope } from "@/lib/contract/pipeline-scope";
import { JobProgress } from "./job-progress";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** What the button starts, in its own words: the whole catalog on all stored data, or the quick smoke test. */
function describe(label: string, quick: boolean, scope: PipelineScope): { button: string; box: string } {
  const subset = plural(scope.quickHypotheses, "hypothesis", "hypotheses");
  const box = `quick instead: ${subset} on the last ${QUICK_PIPELINE_DAYS} days only (a smoke test, not a verdict)`;
  if (quick) return { button: `Run a quick pipeline (${subset}, last ${QUICK_PIPELINE_DAYS} days)`, box };
  const all = `all ${plural(scope.hypotheses, "hypothesis", "hypotheses")} × ${plural(scope.instruments, "instrument", "instruments")}`;
  return { button: `${label} (${all}, all stored data)`, box };
}

/**
 * One click for the whole research pipeline on stored (or, with none, synthetic) data: discovery, backtest, analysis
 * and the final report, with live progress. The full catalog is the default: the quick subset replaces the stored
 * report with a smoke test's, so it is an explicit choice, and its report is marked quick wherever it is shown.
 */
export function PipelineButton({ label = "Run the full pipeline", scope }: { label?: string; scope: PipelineScope }) {
  const router = useRouter();
  const [jobId, setJobId] = useJobParam();
  const [quick, setQuick] = useState(false);
  const start = useStartJob("pipeline");
  const refresh = useCallback(() => router.refresh(), [router]);
  const text = describe(label, quick, scope);
  return (
    <div className="pipeline-button" data-testid="pipeline-launcher">
      <div className="pipeline-button-row">
        <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate({ mode: "full", noFetch: true, quick })} data-testid="run-pipeline">
          {start.isPending ? "Starting…" : text.button}
        </button>
        <label className="checkbox small">
          <input type="checkbox" checked={quick} onChange={(e) => setQuick(e.target.checked)} data-testid="pipeline-quick" />
          {text.box}
        </label>
      </div>
      <FormError message={generalMessage(start.error, [])} testId="pipeline-error" />
      {jobId ? <JobProgress key={jobId} jobId={jobId} onFinished={refresh} onDismiss={() => setJobId(null)} /> : null}
    </div>
  );
}
