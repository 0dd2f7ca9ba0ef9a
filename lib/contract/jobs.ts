import { z } from "zod";

export const jobStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** A job as the API sends it and the browser reads it: times as ISO strings (UTC). */
export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: jobStatusSchema,
  params: z.unknown(),
  progressDone: z.number(),
  progressTotal: z.number(),
  step: z.string().nullable(),
  error: z.string().nullable(),
  /** Sent for one job (GET /api/jobs/[id]); null in lists, where it could be large. */
  result: z.unknown(),
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobJson = z.infer<typeof jobSchema>;

export const jobLogSchema = z.object({
  id: z.number(),
  time: z.string(),
  level: z.enum(["info", "warn", "error"]),
  message: z.string(),
});
export type JobLogJson = z.infer<typeof jobLogSchema>;

/** POST /api/jobs (202) and POST /api/jobs/[id]/cancel (202). */
export const jobAnswerSchema = z.object({ job: jobSchema });
export type JobAnswerJson = z.infer<typeof jobAnswerSchema>;

/** GET /api/jobs: recent jobs, newest first. */
export const jobListSchema = z.object({ jobs: z.array(jobSchema) });
export type JobListJson = z.infer<typeof jobListSchema>;

/** GET /api/jobs/[id]: the job with its result and its most recent log lines. */
export const jobDetailSchema = z.object({ job: jobSchema, logs: z.array(jobLogSchema) });
export type JobDetailJson = z.infer<typeof jobDetailSchema>;

export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ["queued", "running"];

export function isJobActive(job: Pick<JobJson, "status">): boolean {
  return ACTIVE_JOB_STATUSES.includes(job.status);
}
