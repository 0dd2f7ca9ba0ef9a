import { QUICK_PIPELINE_DAYS } from "@/lib/contract/pipeline-scope";

/** Marks a report from a quick pipeline run, so a smoke test's numbers are never read as the full verdict. */
export function QuickReportBadge() {
  return (
    <span className="badge quick" data-testid="report-quick" title={`From a quick pipeline run: a subset of the hypotheses on the last ${QUICK_PIPELINE_DAYS} days, not the full catalog`}>
      quick
    </span>
  );
}
