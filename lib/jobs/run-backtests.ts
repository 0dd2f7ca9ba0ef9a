import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Database } from "@/db/client";
import { createBatch, finishBatch } from "@/db/queries/backtests";
import { candleCoverage, type SeriesCoverage } from "@/db/queries/candles";
import { listHypotheses } from "@/db/queries/hypotheses";
import { cancelBatchTasks, createTasks, listBatchTaskResults, listBatchTaskStates } from "@/db/queries/research-tasks";
import type { AppConfig } from "@/lib/config-schema";
import { backtestSettingsFromConfig } from "@/lib/hypothesis-runs/backtest-settings";
import { MissingSeriesError } from "@/lib/hypothesis-runs/market-bundle";
import { hypothesisIdListSchema, type Hypothesis } from "@/lib/signals/hypothesis";
import { epochMsSchema } from "@/lib/market/epoch-ms";
import { instrumentListSchema } from "@/lib/market/instruments";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { requiredTimeframes, type BacktestRunSummary, type BacktestTaskParams } from "./backtest-tasks/backtest-task-params";
import { JobCancelledError } from "./job-context";
import { enqueueTasks } from "./job-queue";
import type { ProgressReporter } from "./progress-reporter";
import { writeResultFile } from "./write-result-file";

export type { BacktestRunSummary } from "./backtest-tasks/backtest-task-params";

export const BACKTEST_RESULTS_FILE = path.join("results", "backtests", "backtest_results_multiframe.json");

export const backtestParamsSchema = z
  .strictObject({
    label: z.string().min(1).max(200).default("backtest"),
    hypothesisIds: hypothesisIdListSchema.optional(),
    symbols: instrumentListSchema,
    fromMs: epochMsSchema.optional(),
    toMs: epochMsSchema.optional(),
    fees: z.strictObject({ taker: z.number().min(0).max(0.01), maker: z.number().min(-0.001).max(0.01) }).optional(),
    /** Replaces each hypothesis's own slippage (pips = basis points of price). */
    slippagePips: z.number().min(0).max(100).optional(),
  })
  .refine((p) => p.fromMs === undefined || p.toMs === undefined || p.fromMs < p.toMs, { message: "from must be before to", path: ["toMs"] });
export type BacktestParams = z.infer<typeof backtestParamsSchema>;

export interface BacktestBatchReport {
  batchId: string;
  label: string;
  hypotheses: number;
  symbols: string[];
  runs: BacktestRunSummary[];
  totals: { trades: number; runs: number };
  timings: { loadMs: number; computeAndStoreMs: number };
  file: string;
}

/** How often the coordinator looks at its tasks. */
const POLL_MS = 250;

const order = (a: BacktestRunSummary, b: BacktestRunSummary) =>
  a.timeframe.localeCompare(b.timeframe) || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol);

/** Refuses before any work starts when a series the hypotheses read is not stored: one clear error, not a failed task. */
function assertSeriesStored(coverage: readonly SeriesCoverage[], symbol: string, timeframes: readonly Timeframe[]): void {
  for (const tf of timeframes) {
    if (!coverage.some((c) => c.symbol === symbol && c.timeframe === tf && c.rows > 0)) throw new MissingSeriesError(symbol, tf);
  }
}

/** Waits for a batch's tasks, reporting runs done; throws the first task failure, naming the task. */
async function collectTasks(db: Database, batchId: string, total: number, progress: ProgressReporter, signal?: AbortSignal): Promise<BacktestRunSummary[]> {
  for (;;) {
    const tasks = await listBatchTaskStates(db, batchId);
    const failed = tasks.find((t) => t.status === "failed");
    if (failed) throw new Error(`backtest task ${failed.key} failed: ${failed.error ?? "no reason recorded"}`);
    const finished = tasks.filter((t) => t.status === "done").length;
    const running = tasks.filter((t) => t.status === "running").length;
    await progress(Math.min(total - 1, tasks.reduce((n, t) => n + t.runsDone, 0)), total, `${finished} of ${tasks.length} tasks done, ${running} running`);
    // The task rows hold what the workers stored, in the engine's key order (json keeps it) for the results file.
    if (finished === tasks.length) return (await listBatchTaskResults(db, batchId)).flatMap((result) => result as BacktestRunSummary[]);
    if (signal?.aborted) throw new JobCancelledError();
    await sleep(POLL_MS);
  }
}

/**
 * Backtests every hypothesis on every instrument and writes the results file. The work is split into tasks (one per
 * instrument × timeframe) queued for every worker on every machine; each worker stores its runs with their trades
 * and equity, and this coordinator collects them. Same data and hypotheses → byte-identical results, whichever
 * workers ran the tasks and whether or not one of them died on the way.
 */
export async function runBacktests(
  db: Database,
  config: AppConfig,
  params: BacktestParams,
  options: { progress: ProgressReporter; queueUrl: string; log?: (message: string) => Promise<void>; jobId?: string; hypotheses?: readonly Hypothesis[]; resultsDir?: string; signal?: AbortSignal },
): Promise<BacktestBatchReport> {
  const log = options.log ?? (async () => {});
  // Learned variants are backtested by the learning phase, with their models: buildLeg alone would trade their base's rules.
  const stored = options.hypotheses ?? (await listHypotheses(db, params.hypothesisIds));
  const learned = stored.filter((h) => h.learned);
  if (params.hypothesisIds && learned.length > 0) {
    throw new Error(`${learned.map((h) => h.name).join(", ")}: a learned variant is backtested by the learning phase, with the models it was trained with (npm run pipeline -- --mode learning)`);
  }
  const hypotheses = stored.filter((h) => !h.learned);
  if (hypotheses.length === 0) throw new Error("No hypotheses to backtest: run discovery first (npm run pipeline -- --mode discovery) or pass --hypotheses FILE");
  if (params.hypothesisIds && stored.length < params.hypothesisIds.length) {
    const missing = params.hypothesisIds.filter((id) => !stored.some((h) => h.id === id));
    throw new Error(`Unknown hypothesis ids: ${missing.join(", ")}`);
  }
  const base = backtestSettingsFromConfig(config);
  const settings = { ...base, fees: params.fees ?? base.fees };
  const tuned = params.slippagePips === undefined ? hypotheses : hypotheses.map((h) => ({ ...h, slippagePips: params.slippagePips ?? h.slippagePips }));

  const t0 = performance.now();
  await options.progress(0, 1, "checking stored series");
  const coverage = await candleCoverage(db);
  const byTimeframe = new Map<Timeframe, Hypothesis[]>();
  for (const h of tuned) byTimeframe.set(h.timeframe, [...(byTimeframe.get(h.timeframe) ?? []), h]);
  // Finest timeframe first: the longest tasks start first, so the workers finish together.
  const groups = [...byTimeframe.entries()].sort(([a], [b]) => timeframeMs(a) - timeframeMs(b));
  const specs: { key: string; params: BacktestTaskParams; runsTotal: number }[] = [];
  for (const symbol of params.symbols) {
    for (const [timeframe, group] of groups) {
      assertSeriesStored(coverage, symbol, requiredTimeframes(group));
      specs.push({ key: `${symbol} ${timeframe}`, params: { symbol, fromMs: params.fromMs, toMs: params.toMs, hypotheses: group, settings, regime: config.regime }, runsTotal: group.length });
    }
  }
  const batch = await createBatch(db, { label: params.label, jobId: options.jobId, settings: { ...params, hypotheses: hypotheses.length, fees: settings.fees, sizing: settings.sizing, startingEquity: settings.startingEquity } });
  const tasks = await createTasks(db, batch.id, specs);
  await enqueueTasks(options.queueUrl, tasks.map((t) => ({ taskId: t.id })));
  const loadMs = performance.now() - t0;
  await log(`${tasks.length} tasks queued for the workers (${params.symbols.length} instruments × ${groups.length} timeframes)`);

  const total = tuned.length * params.symbols.length;
  const t1 = performance.now();
  let runs: BacktestRunSummary[];
  try {
    runs = await collectTasks(db, batch.id, total, options.progress, options.signal);
  } catch (error) {
    await cancelBatchTasks(db, batch.id);
    throw error;
  }
  await options.progress(total, total, `stored ${runs.length} runs`);
  const computeAndStoreMs = performance.now() - t1;
  runs.sort(order);
  const totals = { trades: runs.reduce((n, r) => n + r.metrics.trades, 0), runs: runs.length };
  await finishBatch(db, batch.id, { totals, timings: { loadMs, computeAndStoreMs } });

  const file = path.join(options.resultsDir ?? ".", BACKTEST_RESULTS_FILE);
  // No batch id or timings in the file: the same data and hypotheses must give byte-identical results.
  const content = { label: params.label, symbols: params.symbols, settings: { fees: settings.fees, sizing: settings.sizing, startingEquity: settings.startingEquity, slippagePips: params.slippagePips ?? "per hypothesis" }, totals, runs: runs.map(({ runId, ...r }) => r) };
  writeResultFile(file, `${JSON.stringify(content, null, 2)}\n`);
  return { batchId: batch.id, label: params.label, hypotheses: hypotheses.length, symbols: params.symbols, runs, totals, timings: { loadMs, computeAndStoreMs }, file };
}
