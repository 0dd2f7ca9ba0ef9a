import { setPriority } from "node:os";
import { getDatabase } from "@/db/connection";
import { stopJobQueue } from "@/lib/jobs/job-queue";
import { startWorker } from "@/lib/jobs/worker-runtime";
import { runCli } from "./cli/run-cli";

/**
 * A worker: takes jobs and research tasks from the queue on the store (the embedded server in DATA_DIR, or
 * DATABASE_URL) and runs them. `npm start` runs one beside the dashboard; start more, on this machine or on others
 * with the same DATABASE_URL, and they share every job's tasks.
 */
runCli(async () => {
  // Below the dashboard's priority, so pages answer while both cores backtest (threads inherit it).
  setPriority(10);
  const store = await getDatabase();
  const stopSweep = await startWorker(store);
  process.stderr.write(`worker ${process.pid} waiting for jobs on ${store.location}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  process.stderr.write("worker stopping: finishing the current work first\n");
  stopSweep();
  await stopJobQueue();
});
