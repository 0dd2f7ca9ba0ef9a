/**
 * Runs once when the Next server starts, however it was started: a bad configuration or an unreachable store stops
 * the server with one line and a non-zero exit instead of failing every request. Jobs are worked by worker processes
 * (`npm start` runs one), never here: the dashboard only queues them, so it warms up its queue connection.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("@/lib/config");
  const { getDatabase } = await import("@/db/connection");
  const { jobQueue } = await import("@/lib/jobs/job-queue");
  const { errorMessage } = await import("@/lib/error-message");
  try {
    getConfig();
    const { url } = await getDatabase();
    await jobQueue(url, "sender");
  } catch (error) {
    process.stderr.write(`error: ${errorMessage(error)}\n`);
    process.exit(1);
  }
}
