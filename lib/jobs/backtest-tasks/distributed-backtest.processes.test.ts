import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listBatches } from "@/db/queries/backtests";
import { listBatchTasks } from "@/db/queries/research-tasks";
import { openTestDatabase } from "@/db/testing/test-databases";
import { configSchema } from "@/lib/config-schema";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { generateMarketData } from "../generate-market-data";
import { stopJobQueue } from "../job-queue";
import { BACKTEST_RESULTS_FILE, runBacktests } from "../run-backtests";

const config = configSchema.parse({});
const params = { label: "distributed", symbols: ["BTCUSDT.P", "ETHUSDT.P"] };
const noProgress = async () => {};

/** `npm run worker` as a separate OS process on the test database. */
function startWorkerProcess(url: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" });
}

async function stopWorkerProcess(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((r) => worker.once("exit", r));
  worker.kill("SIGTERM");
  await exited;
}

describe("a backtest spread over worker processes", () => {
  let handle: DatabaseHandle;
  const workers: ChildProcess[] = [];
  const hypotheses = discoverHypotheses(config);
  beforeAll(async () => {
    handle = await openTestDatabase();
    await generateMarketData(handle.db, { seed: 11, months: 3, symbols: params.symbols, endMs: Date.UTC(2026, 9, 1) }, noProgress);
  });
  afterAll(async () => {
    await Promise.all(workers.map(stopWorkerProcess));
    await stopJobQueue();
    await handle?.close();
  });

  const run = (resultsDir: string) => runBacktests(handle.db, config, params, { progress: noProgress, hypotheses, resultsDir, queueUrl: handle.url });
  const resultsOf = (dir: string) => readFileSync(path.join(dir, BACKTEST_RESULTS_FILE), "utf8");

  it("gives byte-identical results with one worker, and with two of which one is killed with SIGKILL mid-task", async () => {
    const single = mkdtempSync(path.join(tmpdir(), "pel-single-"));
    const only = startWorkerProcess(handle.url);
    workers.push(only);
    const reference = await run(single);
    await stopWorkerProcess(only);
    expect(reference.totals.runs).toBe(hypotheses.length * 2);

    const killedRun = mkdtempSync(path.join(tmpdir(), "pel-killed-"));
    workers.push(startWorkerProcess(handle.url), startWorkerProcess(handle.url));
    const pending = run(killedRun);
    // The batch this run created is the newest; wait until one of its tasks is being worked, then kill that worker.
    let victim: number | undefined;
    const deadline = Date.now() + 60_000;
    while (victim === undefined && Date.now() < deadline) {
      const [batch] = await listBatches(handle.db, 1);
      const running = batch && batch.id !== reference.batchId ? (await listBatchTasks(handle.db, batch.id)).find((t) => t.status === "running" && t.worker) : undefined;
      if (running?.worker) victim = Number(running.worker.split(":").at(-1));
      else await sleep(20);
    }
    expect(victim, "a task of the second run was seen running").toBeDefined();
    process.kill(victim ?? 0, "SIGKILL");

    const report = await pending;
    const tasks = await listBatchTasks(handle.db, report.batchId);
    expect(tasks.every((t) => t.status === "done")).toBe(true);
    const retried = tasks.filter((t) => t.attempt > 1);
    expect(retried.length, "the killed worker's task was taken again").toBeGreaterThan(0);
    expect(retried.every((t) => !t.worker?.endsWith(`:${victim}`)), "and finished by the other worker").toBe(true);
    expect(resultsOf(killedRun)).toBe(resultsOf(single));
  }, 180_000);
});
