"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { apiJson, generalMessage } from "@/lib/client/api-client";
import { isJobActive, jobAnswerSchema, type JobJson } from "@/lib/contract/jobs";
import { formatElapsed, formatUtcSeconds } from "@/lib/format";

const triggerOf = (job: JobJson) => ((job.params as { trigger?: unknown } | null)?.trigger === "schedule" ? "schedule" : "by hand");

/** "Run the loop now" with the running loop's progress, and the last runs. */
export function LoopRuns({ runs }: { runs: readonly JobJson[] }) {
  const queryClient = useQueryClient();
  const active = runs.find((r) => isJobActive(r));
  const [followed, setFollowed] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => apiJson("/api/research-loop", jobAnswerSchema, { method: "POST", body: {} }),
    onSuccess: ({ job }) => {
      setFollowed(job.id);
      void queryClient.invalidateQueries({ queryKey: ["research-loop"] });
    },
  });
  const current = followed ?? active?.id ?? null;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["research-loop"] });
    void queryClient.invalidateQueries({ queryKey: ["lifecycle"] });
  };
  return (
    <div data-testid="loop-runs">
      <div className="job-actions">
        <button type="button" className="button" onClick={() => start.mutate()} disabled={start.isPending || active !== undefined} data-testid="loop-run-now">
          Run the loop now
        </button>
        {active ? <span className="muted small">a loop is {active.status}</span> : null}
      </div>
      {start.isError ? <p className="form-error">{generalMessage(start.error, [])}</p> : null}
      {current ? <JobProgress jobId={current} onFinished={refresh} onDismiss={() => setFollowed(null)} /> : null}
      {runs.length === 0 ? (
        <p className="muted small" data-testid="loop-runs-empty">
          The loop has not run yet.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data compact" data-testid="loop-runs-table">
            <thead>
              <tr>
                <th>Started (UTC)</th>
                <th>Trigger</th>
                <th>Status</th>
                <th>Took</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatUtcSeconds(r.startedAt ?? r.createdAt).replace(" UTC", "")}</td>
                  <td>{triggerOf(r)}</td>
                  <td>
                    <JobStatusBadge status={r.status} />
                  </td>
                  <td className="nowrap">{r.startedAt && r.finishedAt ? formatElapsed(r.startedAt, r.finishedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
