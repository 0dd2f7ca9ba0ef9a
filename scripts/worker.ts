import { getDatabase } from "@/db/connection";
import { failOrphanedJobs } from "@/db/queries/jobs";
import { loadRuntimeEnv } from "@/lib/config";
import { runQueuedJob } from "@/lib/jobs/job-kinds";
import { stopJobQueue, workJobs } from "@/lib/jobs/job-queue";
import { HEARTBEAT_MS } from "@/lib/jobs/run-job";
import { runCli } from "./cli/run-cli";

/**
 * A job worker for a PostgreSQL server: takes jobs the dashboard queued (pg-boss) and runs them. Start as many as you
 * like, on this machine or others pointing at the same database.
 */
runCli(async () => {
  const url = loadRuntimeEnv().DATABASE_URL;
  if (!url) throw new Error("npm run worker needs DATABASE_URL (a PostgreSQL server): with the embedded store, jobs run inside the app itself");
  const { db, location } = await getDatabase();
  // Jobs whose worker stopped sending heartbeats died with it; mark them failed rather than leave them "running".
  const orphaned = await failOrphanedJobs(db, (4 * HEARTBEAT_MS) / 1000);
  await workJobs(url, (job) => runQueuedJob(db, job));
  process.stderr.write(`worker ${process.pid} waiting for jobs on ${location}${orphaned > 0 ? ` (marked ${orphaned} orphaned job(s) failed)` : ""}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  process.stderr.write("stopping: finishing the current job first\n");
  await stopJobQueue();
});
