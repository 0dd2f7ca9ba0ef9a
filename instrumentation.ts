/** Runs once when the Next server starts: a bad configuration or an unreachable store fails startup, not a later request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/config");
  const { getDatabase } = await import("@/db/connection");
  const { failOrphanedJobs } = await import("@/db/queries/jobs");
  getConfig();
  const { db, driver } = await getDatabase();
  // Embedded store: jobs run inside this process, so any job still "running" was cut off by a restart.
  if (driver === "pglite") await failOrphanedJobs(db);
}
