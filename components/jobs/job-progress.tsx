"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ApiError, apiJson } from "@/lib/client/api-client";
import { jobQueryKey, useJob } from "@/lib/client/job-queries";
import { isJobActive, jobAnswerSchema, type JobJson } from "@/lib/contract/jobs";
import { pipelineProgress } from "@/lib/contract/pipeline-progress";
import { formatElapsed, formatUtcSeconds } from "@/lib/format";
import { JobStatusBadge } from "./job-status-badge";

export const JOB_KIND_LABELS: Record<string, string> = {
  generate: "Generate synthetic market",
  import: "Import file",
  fetch: "Fetch from exchange",
  discovery: "Discovery",
  backtest: "Backtest",
  pipeline: "Research pipeline",
  "research-loop": "Research loop",
};

/** Percent complete: a finished job is 100%; otherwise done/total, or nothing to show until a total is known. */
export function jobPercent(job: Pick<JobJson, "status" | "progressDone" | "progressTotal">): number | null {
  if (job.status === "succeeded") return 100;
  if (job.progressTotal <= 0) return null;
  return Math.min(100, Math.floor((job.progressDone / job.progressTotal) * 100));
}

/**
 * One job's live state: progress bar, status, step, error, cancel and recent log lines. Polls while the job is
 * queued or running and calls `onFinished` once when it is seen to finish.
 */
export function JobProgress({ jobId, onFinished, onDismiss }: { jobId: string; onFinished?: (job: JobJson) => void; onDismiss?: () => void }) {
  const queryClient = useQueryClient();
  const query = useJob(jobId);
  const job = query.data?.job;

  const lastStatus = useRef<JobJson["status"] | null>(null);
  // Re-running with the same job is harmless: the status did not change, so nothing fires twice.
  useEffect(() => {
    if (!job) return;
    const previous = lastStatus.current;
    lastStatus.current = job.status;
    if (previous !== null && isJobActive({ status: previous }) && !isJobActive(job)) {
      void queryClient.invalidateQueries({ queryKey: ["jobs"] });
      onFinished?.(job);
    }
  }, [job, queryClient, onFinished]);

  const cancel = useMutation({
    mutationFn: () => apiJson(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, jobAnswerSchema, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobQueryKey(jobId) }),
  });

  if (query.isError && !job) {
    return (
      <div className="job-progress" data-testid="job-progress" data-job-id={jobId}>
        <p className="field-error" role="alert" data-testid="job-error">
          {query.error instanceof ApiError && query.error.status === 404 ? "This job does not exist (the store may have been reset)." : String(query.error.message)}
        </p>
        {onDismiss ? <button type="button" className="link-button" onClick={onDismiss}>Dismiss</button> : null}
      </div>
    );
  }
  if (!job) return <div className="job-progress muted" data-testid="job-progress" data-job-id={jobId}>Loading job…</div>;

  // A pipeline's phases each count from 0 to their own total: one bar over all of them, the phase named beside it.
  const overall = pipelineProgress(job);
  const pct = overall?.percent ?? jobPercent(job);
  const active = isJobActive(job);
  const logs = query.data?.logs ?? [];
  return (
    <div className="job-progress" data-testid="job-progress" data-job-id={job.id} data-status={job.status}>
      <div className="job-progress-head">
        <strong>{JOB_KIND_LABELS[job.kind] ?? job.kind}</strong>
        <JobStatusBadge status={job.status} />
        <span className="muted small">
          started {formatUtcSeconds(job.startedAt ?? job.createdAt)}
          {job.finishedAt && job.startedAt ? ` · took ${formatElapsed(job.startedAt, job.finishedAt)}` : ""}
        </span>
        {onDismiss && !active ? (
          <button type="button" className="link-button push-right" onClick={onDismiss} aria-label="Stop following this job">
            Close
          </button>
        ) : null}
      </div>
      <div
        className={`progress ${job.status}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-label="Job progress"
        data-testid="job-progress-bar"
      >
        <div className={`progress-fill ${pct === null && active ? "indeterminate" : ""}`} style={{ width: pct === null ? (active ? "30%" : "0%") : `${pct}%` }} />
      </div>
      <div className="job-progress-text small">
        <span data-testid="job-percent">{pct === null ? "—" : `${pct}%`}</span>
        {overall && active ? (
          <span className="job-phase" data-testid="job-phase">
            phase {overall.phase}/{overall.phases}: {overall.name}
          </span>
        ) : null}
        {job.progressTotal > 0 ? (
          <span className="muted">
            {job.progressDone.toLocaleString("en-US")} / {job.progressTotal.toLocaleString("en-US")}
          </span>
        ) : null}
        {job.step && active ? (
          <span className="muted" data-testid="job-step">
            {job.step}
          </span>
        ) : null}
      </div>
      {job.error && job.status !== "cancelled" ? (
        <p className="job-error" role="alert" data-testid="job-error">
          {job.error}
        </p>
      ) : null}
      {job.status === "cancelled" ? <p className="muted small">Cancelled on request; what was stored before the cancel stays stored.</p> : null}
      {active ? (
        <div className="job-actions">
          <button type="button" className="button secondary" data-testid="job-cancel" disabled={job.cancelRequested || cancel.isPending} onClick={() => cancel.mutate()}>
            {job.cancelRequested ? "Cancelling…" : "Cancel"}
          </button>
          {cancel.isError ? <span className="field-error">{cancel.error.message}</span> : null}
        </div>
      ) : null}
      {logs.length > 0 ? (
        <ol className="job-logs" data-testid="job-logs">
          {logs.map((l) => (
            <li key={l.id} className={l.level}>
              <time dateTime={l.time}>{l.time.slice(11, 19)}</time> {l.message}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
