"use client";

import { useQuery } from "@tanstack/react-query";
import { isJobActive, jobDetailSchema, jobListSchema } from "@/lib/contract/jobs";
import { ApiError, apiJson } from "./api-client";

/** How often a running job is polled; fast enough to look live, slow enough for the 2-core machines this runs on. */
export const JOB_POLL_MS = 700;

/** The cache key of one job's detail, shared by its poll and by useStartJob, which seeds it. */
export const jobQueryKey = (jobId: string) => ["job", jobId] as const;

/** One job with its recent log lines, polled while it is queued or running; a 4xx (unknown job) is not retried. */
export function useJob(jobId: string) {
  return useQuery({
    queryKey: jobQueryKey(jobId),
    queryFn: ({ signal }) => apiJson(`/api/jobs/${encodeURIComponent(jobId)}`, jobDetailSchema, { signal }),
    refetchInterval: (q) => (q.state.data && !isJobActive(q.state.data.job) ? false : JOB_POLL_MS),
    staleTime: 0,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 3,
  });
}

/** Recent jobs, polled quickly while any is running and slowly otherwise. */
export function useRecentJobs(options: { kind?: string; limit?: number } = {}) {
  const search = new URLSearchParams({ limit: String(options.limit ?? 10) });
  if (options.kind) search.set("kind", options.kind);
  return useQuery({
    queryKey: ["jobs", options.kind ?? "all", options.limit ?? 10],
    queryFn: ({ signal }) => apiJson(`/api/jobs?${search}`, jobListSchema, { signal }),
    refetchInterval: (q) => (q.state.data?.jobs.some(isJobActive) ? JOB_POLL_MS : 10_000),
    staleTime: 0,
  });
}
