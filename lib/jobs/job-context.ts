import type { Database } from "@/db/client";

/** What a running job's handler can do: report progress, log, notice a cancel request, finish inside its last write. */
export interface JobContext {
  readonly jobId: string;
  /** Aborted once a cancel was requested: long work that does not report progress often can listen to it. */
  readonly signal: AbortSignal;
  /** The store's URL, for queueing tasks that other workers take. */
  readonly queueUrl: string;
  /** Records progress; throttled writes, and throws JobCancelledError once a cancel was requested. */
  progress(done: number, total: number, step?: string): Promise<void>;
  log(message: string, level?: "info" | "warn" | "error"): Promise<void>;
  /**
   * Marks the job succeeded inside the transaction of its last write, so work that committed is reported done even
   * if the process dies right after the commit.
   */
  complete(tx: Database, result: unknown): Promise<void>;
}

export class JobCancelledError extends Error {
  readonly code = "JOB_CANCELLED";
  constructor() {
    super("the job was cancelled");
    this.name = "JobCancelledError";
  }
}
