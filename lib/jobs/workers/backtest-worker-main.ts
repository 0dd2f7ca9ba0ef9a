import { parentPort } from "node:worker_threads";
import { errorMessage } from "@/lib/error-message";
import { runHypotheses } from "@/lib/hypothesis-runs/run-hypotheses";
import type { BacktestTask, WorkerMessage } from "./backtest-task";

const port = parentPort;
if (!port) throw new Error("backtest-worker-main must run in a worker thread");

port.on("message", (task: BacktestTask) => {
  const post = (m: WorkerMessage) => port.postMessage(m);
  try {
    runHypotheses(task.bundle, task.hypotheses, task.settings, task.regime, (run) => post({ type: "run", taskId: task.id, run }));
    post({ type: "done", taskId: task.id });
  } catch (error) {
    post({ type: "error", taskId: task.id, message: errorMessage(error) });
  }
});
