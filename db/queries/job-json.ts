import type { JobJson, JobLogJson } from "@/lib/contract/jobs";
import type { JobLogRow, JobRow } from "./jobs";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A job row as the API sends it; the result is left out of lists (it can be large) and kept for one job. */
export function toJobJson(row: JobRow, options: { withResult?: boolean } = {}): JobJson {
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

export function toJobLogJson(row: Pick<JobLogRow, "id" | "time" | "level" | "message">): JobLogJson {
  return { id: row.id, time: row.time.toISOString(), level: row.level, message: row.message };
}
