import type { Database } from "@/db/client";
import { insertRuns } from "@/db/queries/backtests";
import { claimTask, completeTask, failTask, touchTask, type TaskRow } from "@/db/queries/research-tasks";
import { errorMessage } from "@/lib/error-message";
import { pairVariantRuns, withFilterVariants } from "@/lib/hypothesis-runs/filter-variants";
import type { HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import { loadMarketBundle } from "../load-market-bundle";
import { WORKER_ID } from "../run-job";
import { runBacktestTasks } from "../workers/run-backtest-tasks";
import { bundleFor, requiredTimeframes, type BacktestRunSummary, type BacktestTaskParams } from "./backtest-task-params";

/** A running task's heartbeat; STALE_TASK_SECONDS without one and the sweep queues the task again. */
export const TASK_HEARTBEAT_MS = 2_000;

/** Thrown inside the storing transaction when another attempt owns the task now, so this one's writes roll back. */
class TaskSupersededError extends Error {
  constructor() {
    super("the task was taken over by another attempt or cancelled");
  }
}

/**
 * Runs one backtest task that a worker took from the queue: claims it, loads its instrument's series, backtests its
 * hypotheses and their higher-timeframe variants on a worker thread (the event loop stays free for heartbeats), then
 * stores every run with its variant's outcome and completes the task in one transaction. Only the attempt that owns the task may store: a second worker running the same task
 * after a re-queue, or the first one waking up late, writes nothing. A task no longer queued is left alone.
 */
export async function workBacktestTask(db: Database, taskId: string): Promise<void> {
  const task = await claimTask(db, taskId, WORKER_ID);
  if (task) await runClaimedTask(db, task);
}

/** Runs a task this worker has claimed (by its queue message, or from the table: claimNextTask). */
export async function runClaimedTask(db: Database, task: TaskRow): Promise<void> {
  // Written by the coordinator in run-backtests.ts from validated hypotheses and config.
  const params = task.params as BacktestTaskParams;
  let runsDone = 0;
  let owned = true;
  const heartbeat = setInterval(() => {
    touchTask(db, task.id, task.attempt, runsDone)
      .then((stillOwned) => (owned = stillOwned))
      .catch((e: unknown) => process.stderr.write(`task ${task.key}: heartbeat failed: ${errorMessage(e)}\n`));
  }, TASK_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const plan = withFilterVariants(params.hypotheses);
    const timeframes = [...new Set([...requiredTimeframes(plan.hypotheses), "1m" as const])];
    const bundle = await loadMarketBundle(db, params.symbol, timeframes, { fromMs: params.fromMs, toMs: params.toMs });
    const all: HypothesisRun[] = [];
    await runBacktestTasks([{ id: 0, bundle: bundleFor(bundle, plan.hypotheses), hypotheses: plan.hypotheses, settings: params.settings, regime: params.regime }], (run) => {
      all.push(run);
      // Progress counts the task's own runs, as the coordinator does; the variants follow them.
      runsDone = Math.min(all.length, params.hypotheses.length);
    });
    if (!owned) return;
    const paired = pairVariantRuns(plan, all);
    const runs = paired.map((p) => p.run);
    await db.transaction(async (tx) => {
      const ids = await insertRuns(
        tx,
        paired.map(({ run, variant }) => ({
          run: { batchId: task.batchId, kind: "single", hypothesisId: run.hypothesisId, hypothesisName: run.hypothesisName, symbol: run.symbol, timeframe: run.timeframe, fromTime: run.fromTime, toTime: run.toTime, metrics: run.metrics, diagnostics: run.diagnostics },
          trades: run.trades,
          equity: run.equity,
          filterVariant: variant,
        })),
      );
      const summaries: BacktestRunSummary[] = runs.map(({ trades: _trades, equity: _equity, ...summary }, k) => ({ ...summary, runId: ids[k] ?? "" }));
      if (!(await completeTask(tx, task.id, task.attempt, summaries, runs.length))) throw new TaskSupersededError();
    });
  } catch (error) {
    if (error instanceof TaskSupersededError) return;
    await failTask(db, task.id, task.attempt, errorMessage(error));
  } finally {
    clearInterval(heartbeat);
  }
}
