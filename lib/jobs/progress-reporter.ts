/** Progress of long work: a CLI's terminal bar and a job's database row both take this shape. */
export type ProgressReporter = (done: number, total: number, step?: string) => Promise<void>;
