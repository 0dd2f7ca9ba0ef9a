import type { JobJson } from "./job-json";

export function JobStatusBadge({ status }: { status: JobJson["status"] }) {
  return (
    <span className={`badge status-${status}`} data-testid="job-status">
      {status}
    </span>
  );
}
