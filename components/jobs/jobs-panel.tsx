"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useRecentJobs } from "@/lib/client/job-queries";
import { useJobParam } from "@/lib/client/use-job-param";
import { isJobActive } from "@/lib/contract/jobs";
import { JobProgress } from "./job-progress";
import { JobsList } from "./jobs-list";

/**
 * The followed job (`?job=`) with live progress, and the recent jobs. When the followed job finishes the page's
 * server data (coverage, hypotheses) is re-read, so what the job wrote shows up without a manual reload.
 */
export function JobsPanel({ kind, title = "Jobs" }: { kind?: string; title?: string }) {
  const [jobId, setJobId] = useJobParam();
  const router = useRouter();
  const refresh = useCallback(() => router.refresh(), [router]);
  // Without a followed job, a job still running (started elsewhere, or before a reload without ?job=) is shown live.
  const recent = useRecentJobs({ kind });
  const running = jobId ? undefined : recent.data?.jobs.find(isJobActive);
  const shownId = jobId ?? running?.id;
  return (
    <section className="panel" data-testid="jobs-panel">
      <h2>{title}</h2>
      {shownId ? <JobProgress key={shownId} jobId={shownId} onFinished={refresh} onDismiss={jobId ? () => setJobId(null) : undefined} /> : null}
      <JobsList kind={kind} selectedId={jobId} />
    </section>
  );
}
