import type { JobJson } from "./jobs";

export interface BatchStatus {
  /** What the batch's badge says. */
  readonly label: "finished" | "running" | "queued" | "cancelled" | "failed" | "interrupted" | "running or interrupted";
  /** The badge's colour class (the job statuses' classes). */
  readonly tone: "status-succeeded" | "status-running" | "status-queued" | "status-cancelled" | "status-failed";
  /** The job's own count of runs, e.g. "50 of 189 runs", when the job counted runs (a backtest, or a pipeline stopped in its backtest phase). */
  readonly jobRuns: string | null;
}

/** Whether the job's done/total counts backtest runs: a backtest job does, a pipeline only while in its backtest phase. */
const countsRuns = (job: Pick<JobJson, "kind" | "step">) => job.kind === "backtest" || (job.kind === "pipeline" && job.step?.startsWith("backtest") === true);

/**
 * A batch's state from its stored summary and its job: a summary means finished; otherwise the job says whether it
 * is still running, was cancelled or failed. Without a job (a batch run from the command line, or its job deleted)
 * an unfinished batch may be running or may have been interrupted, and the page says so rather than guess.
 */
export function batchStatus(finished: boolean, job: Pick<JobJson, "kind" | "status" | "step" | "progressDone" | "progressTotal"> | null): BatchStatus {
  const jobRuns = job && countsRuns(job) && job.progressTotal > 0 ? `${job.progressDone.toLocaleString("en-US")} of ${job.progressTotal.toLocaleString("en-US")} runs` : null;
  if (finished) return { label: "finished", tone: "status-succeeded", jobRuns };
  if (!job) return { label: "running or interrupted", tone: "status-running", jobRuns: null };
  switch (job.status) {
    case "queued":
      return { label: "queued", tone: "status-queued", jobRuns };
    case "running":
      return { label: "running", tone: "status-running", jobRuns };
    case "cancelled":
      return { label: "cancelled", tone: "status-cancelled", jobRuns };
    case "failed":
      return { label: "failed", tone: "status-failed", jobRuns };
    case "succeeded":
      // The job ended without storing the summary: the batch is incomplete.
      return { label: "interrupted", tone: "status-failed", jobRuns };
  }
}
