import type { JobJson } from "@/lib/contract/jobs";

export function JobStatusBadge({ status }: { status: JobJson["status"] }) {
  return (
    <span className={`badge status-${status}`} data-testid="job-status">
      {status}
    </span>
  );
}
