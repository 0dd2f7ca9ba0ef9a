import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { HypothesisRun } from "@/lib/research/run-hypotheses";
import type { BacktestTask, WorkerMessage } from "./backtest-task";

/** Resolved from the project root like the migrations: the worker runs from source through tsx, never bundled. */
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "jobs", "workers", "backtest-worker.mjs");

/**
 * Runs tasks on worker threads (one per core, at most one per task), handing each worker the next task as it frees up.
 * `onRun` sees every finished hypothesis run as it arrives. Rejects on the first task error, naming it.
 */
export async function runBacktestTasks(tasks: readonly BacktestTask[], onRun: (run: HypothesisRun) => Promise<void> | void, threads = availableParallelism()): Promise<void> {
  const queue = [...tasks];
  const workerCount = Math.max(1, Math.min(threads, queue.length));
  const pending: Promise<void>[] = [];
  let failed: Error | undefined;
  let chain = Promise.resolve();
  const deliver = (run: HypothesisRun) => {
    chain = chain.then(() => onRun(run));
  };
  for (let w = 0; w < workerCount; w++) {
    const worker = new Worker(WORKER_FILE);
    pending.push(
      new Promise<void>((resolve, reject) => {
        const next = () => {
          const task = failed ? undefined : queue.shift();
          if (!task) {
            void worker.terminate().then(() => resolve());
            return;
          }
          worker.postMessage(task);
        };
        worker.on("message", (m: WorkerMessage) => {
          if (m.type === "run") deliver(m.run);
          else if (m.type === "done") next();
          else {
            failed = new Error(`backtest task ${m.taskId} failed: ${m.message}`);
            void worker.terminate();
            reject(failed);
          }
        });
        worker.on("error", (error) => {
          failed = error;
          reject(error);
        });
        next();
      }),
    );
  }
  await Promise.all(pending);
  await chain;
}
