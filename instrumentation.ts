/** Runs once when the Next server starts: a bad configuration or an unreachable store fails startup, not a later request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig, loadRuntimeEnv } = await import("@/lib/config");
  const { getDatabase } = await import("@/db/connection");
  const { failOrphanedJobs } = await import("@/db/queries/jobs");
  getConfig();
  const env = loadRuntimeEnv();
  const { db, driver } = await getDatabase();
  if (driver === "pglite") {
    // Embedded store: jobs run inside this process, so any job still "running" was cut off by a restart.
    await failOrphanedJobs(db);
  } else if (env.DATABASE_URL && env.JOB_WORKER_IN_APP === "1") {
    const { HEARTBEAT_MS } = await import("@/lib/jobs/run-job");
    const { workJobs } = await import("@/lib/jobs/job-queue");
    const { runQueuedJob } = await import("@/lib/jobs/job-kinds");
    await failOrphanedJobs(db, (4 * HEARTBEAT_MS) / 1000);
    await workJobs(env.DATABASE_URL, (job) => runQueuedJob(db, job));
  }
}
