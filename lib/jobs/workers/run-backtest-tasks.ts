import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import type { BacktestTask, WorkerMessage } from "./backtest-task";

/** Resolved from the project root like the migrations: the worker runs from source through tsx, never bundled. */
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "jobs", "workers", "backtest-worker.mjs");

interface Slot {
  worker: Worker;
  busy: boolean;
}

/**
 * Worker threads kept for the life of the process: starting one (the TypeScript loader and the engine's modules)
 * costs a few hundred milliseconds, more than many tasks take. Threads are started on first use, up to `size`.
 */
class BacktestThreadPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];

  constructor(private readonly size: number) {}

  private async acquire(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.slots.length < this.size) {
      const worker = new Worker(WORKER_FILE);
      worker.unref();
      const slot = { worker, busy: true };
      this.slots.push(slot);
      return slot;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private discard(slot: Slot): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
    const next = this.waiting.shift();
    if (next) void this.acquire().then(next);
  }

  /** Runs one task on a free thread; `onRun` sees each finished hypothesis run as it arrives. */
  async run(task: BacktestTask, onRun: (run: HypothesisRun) => void): Promise<void> {
    const slot = await this.acquire();
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: WorkerMessage) => {
        if (m.type === "run") return onRun(m.run);
        cleanup();
        this.release(slot);
        if (m.type === "done") resolve();
        else reject(new Error(`backtest task ${m.taskId} failed: ${m.message}`));
      };
      const onError = (error: Error) => {
        cleanup();
        this.discard(slot);
        reject(error);
      };
      const cleanup = () => {
        slot.worker.off("message", onMessage);
        slot.worker.off("error", onError);
      };
      slot.worker.on("message", onMessage);
      slot.worker.on("error", onError);
      slot.worker.postMessage(task);
    });
  }
}

let pool: BacktestThreadPool | undefined;

/** The process's pool: one thread per core. */
export function backtestThreads(): BacktestThreadPool {
  pool ??= new BacktestThreadPool(availableParallelism());
  return pool;
}

/**
 * Runs tasks on the process's worker threads, as many at once as there are threads. `onRun` sees every finished
 * hypothesis run as it arrives, in order per task. Rejects on the first task error, naming it.
 */
export async function runBacktestTasks(tasks: readonly BacktestTask[], onRun: (run: HypothesisRun) => Promise<void> | void): Promise<void> {
  let chain = Promise.resolve();
  const deliver = (run: HypothesisRun) => {
    chain = chain.then(() => onRun(run));
  };
  await Promise.all(tasks.map((task) => backtestThreads().run(task, deliver)));
  await chain;
}
