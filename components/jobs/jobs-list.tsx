"use client";

import Link from "next/link";
import { useRecentJobs } from "@/lib/client/job-queries";
import { isJobActive } from "@/lib/contract/jobs";
import { pipelineProgress } from "@/lib/contract/pipeline-progress";
import { formatElapsed, formatUtcSeconds } from "@/lib/format";
import { JOB_KIND_LABELS, jobPercent } from "./job-progress";
import { JobStatusBadge } from "./job-status-badge";

/** The page that follows a job of this kind (its forms and results live there). */
export function jobPage(kind: string): string {
  const pages: Record<string, string> = { discovery: "/signals", backtest: "/backtests", pipeline: "/edge", "research-loop": "/lifecycle" };
  return pages[kind] ?? "/data";
}

/** A table of recent jobs; each links to its page with `?job=` so its progress and logs open there. */
export function JobsList({ kind, limit, selectedId }: { kind?: string; limit?: number; selectedId?: string | null }) {
  const query = useRecentJobs({ kind, limit });
  if (query.isPending) return <p className="muted small">Loading jobs…</p>;
  if (query.isError) return <p className="field-error">Could not load jobs: {query.error.message}</p>;
  const jobs = query.data.jobs;
  if (jobs.length === 0) return <p className="muted small" data-testid="jobs-empty">No jobs yet. Jobs you start appear here with their progress.</p>;
  return (
    <div className="table-scroll">
    <table className="data compact" data-testid="jobs-list">
      <thead>
        <tr>
          <th>Job</th>
          <th>Status</th>
          <th className="num">Progress</th>
          <th>Started (UTC)</th>
          <th className="num">Took</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => {
          const overall = pipelineProgress(job);
          const pct = overall?.percent ?? jobPercent(job);
          return (
            <tr key={job.id} data-testid="jobs-list-row" data-job-id={job.id} className={job.id === selectedId ? "selected" : undefined}>
              <td>
                <Link href={`${jobPage(job.kind)}?job=${job.id}`} scroll={false} title={job.error ?? undefined}>
                  {JOB_KIND_LABELS[job.kind] ?? job.kind}
                </Link>
              </td>
              <td>
                <JobStatusBadge status={job.status} />
              </td>
              <td className="num nowrap" title={overall && isJobActive(job) ? `phase ${overall.phase}/${overall.phases}: ${overall.name}` : undefined}>
                {pct === null ? "—" : `${pct}%`}
              </td>
              <td className="nowrap">{formatUtcSeconds(job.startedAt ?? job.createdAt).slice(5, 19)}</td>
              <td className="num nowrap">{job.startedAt && job.finishedAt ? formatElapsed(job.startedAt, job.finishedAt) : isJobActive(job) ? "running" : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    </div>
  );
}
