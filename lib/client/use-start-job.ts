"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { jobAnswerSchema, type JobDetailJson } from "@/lib/contract/jobs";
import { apiJson } from "./api-client";
import { jobQueryKey } from "./job-queries";
import { useJobParam } from "./use-job-param";

export type JobKind = "generate" | "import" | "fetch" | "discovery" | "backtest" | "pipeline" | "research-loop";

/** Starts a job through POST /api/jobs and makes it the page's followed job (`?job=`). */
export function useStartJob(kind: JobKind) {
  const queryClient = useQueryClient();
  const [, setJobId] = useJobParam();
  return useMutation({
    mutationFn: (params: unknown) => apiJson("/api/jobs", jobAnswerSchema, { body: { kind, params } }),
    onSuccess: ({ job }) => {
      // Seeding the cache with the queued row lets the progress panel see the job go from active to finished.
      queryClient.setQueryData<JobDetailJson>(jobQueryKey(job.id), { job, logs: [] });
      void queryClient.invalidateQueries({ queryKey: ["jobs"] });
      setJobId(job.id);
    },
  });
}
