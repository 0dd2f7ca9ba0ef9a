/** A job as the API sends it and the browser reads it: times as ISO strings (UTC). */
export interface JobJson {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  params: unknown;
  progressDone: number;
  progressTotal: number;
  step: string | null;
  error: string | null;
  result: unknown;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobLogJson {
  id: number;
  time: string;
  level: "info" | "warn" | "error";
  message: string;
}

export const ACTIVE_JOB_STATUSES: readonly JobJson["status"][] = ["queued", "running"];

export function isJobActive(job: Pick<JobJson, "status">): boolean {
  return ACTIVE_JOB_STATUSES.includes(job.status);
}

interface JobRowLike {
  id: string;
  kind: string;
  status: JobJson["status"];
  params: unknown;
  progressDone: number;
  progressTotal: number;
  step: string | null;
  error: string | null;
  result: unknown;
  cancelRequested: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The job row without server types; the result is left out of lists (it can be large) and kept for one job. */
export function toJobJson(row: JobRowLike, options: { withResult?: boolean } = {}): JobJson {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    params: row.params,
    progressDone: row.progressDone,
    progressTotal: row.progressTotal,
    step: row.step,
    error: row.error,
    result: options.withResult ? row.result : null,
    cancelRequested: row.cancelRequested > 0,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export function toJobLogJson(row: { id: number; time: Date; level: JobLogJson["level"]; message: string }): JobLogJson {
  return { id: row.id, time: row.time.toISOString(), level: row.level, message: row.message };
}
