import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Database } from "@/db/client";
import { createBatch, finishBatch, insertRuns } from "@/db/queries/backtests";
import { listHypotheses } from "@/db/queries/hypotheses";
import type { AppConfig } from "@/lib/config-schema";
import { backtestSettingsFromConfig } from "@/lib/research/backtest-settings";
import { requireSeries, type MarketBundle } from "@/lib/research/market-bundle";
import type { HypothesisRun } from "@/lib/research/run-hypotheses";
import { compileHypothesis } from "@/lib/signals/compile-hypothesis";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import type { CandleSeries } from "@/lib/market/series";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { loadMarketBundle } from "./load-market-bundle";
import type { ProgressReporter } from "./progress-reporter";
import type { BacktestTask } from "./workers/backtest-task";
import { runBacktestTasks } from "./workers/run-backtest-tasks";

export const BACKTEST_RESULTS_FILE = path.join("results", "backtests", "backtest_results_multiframe.json");
const STORED_TIMEFRAMES: readonly Timeframe[] = ["1m", "2m", "5m", "15m", "30m"];
const STORE_GROUP_RUNS = 25;

export const backtestParamsSchema = z
  .object({
    label: z.string().min(1).max(200).default("backtest"),
    hypothesisIds: z.array(z.string().min(1)).min(1).optional(),
    symbols: z.array(z.string().regex(/^[A-Z0-9]+USDT\.P$/, "must look like BTCUSDT.P")).min(1),
    fromMs: z.number().int().nonnegative().optional(),
    toMs: z.number().int().positive().optional(),
    fees: z.object({ taker: z.number().min(0).max(0.01), maker: z.number().min(-0.001).max(0.01) }).optional(),
    /** Replaces each hypothesis's own slippage (pips = basis points of price). */
    slippagePips: z.number().min(0).max(100).optional(),
  })
  .refine((p) => p.fromMs === undefined || p.toMs === undefined || p.fromMs < p.toMs, { message: "from must be before to", path: ["toMs"] });
export type BacktestParams = z.infer<typeof backtestParamsSchema>;

export interface BacktestRunSummary extends Omit<HypothesisRun, "trades" | "equity"> {
  runId: string;
}

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

/** The series a group of hypotheses reads: their own timeframe, every timeframe their rules reference, and 1m. */
function bundleFor(bundle: MarketBundle, hypotheses: readonly Hypothesis[]): MarketBundle {
  const required = new Set<Timeframe>();
  for (const h of hypotheses) {
    required.add(h.timeframe);
    for (const tf of compileHypothesis(h).timeframes) required.add(tf);
  }
  // Checked here, before any work starts, so a missing series is one clear error rather than a worker failure.
  const series: Partial<Record<Timeframe, CandleSeries>> = {};
  for (const tf of required) series[tf] = requireSeries(bundle, tf);
  if (bundle.series["1m"]) series["1m"] = bundle.series["1m"];
  return { symbol: bundle.symbol, series, funding: bundle.funding };
}

const order = (a: BacktestRunSummary, b: BacktestRunSummary) =>
  a.timeframe.localeCompare(b.timeframe) || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol);

/**
 * Backtests every hypothesis on every instrument (one task per instrument × timeframe on worker threads), stores each
 * run with its trades and equity, and writes the results file. Same data and hypotheses → identical results.
 */
export async function runBacktests(
  db: Database,
  config: AppConfig,
  params: BacktestParams,
  options: { progress: ProgressReporter; log?: (message: string) => Promise<void>; jobId?: string; hypotheses?: readonly Hypothesis[]; resultsDir?: string; threads?: number },
): Promise<BacktestBatchReport> {
  const log = options.log ?? (async () => {});
  const hypotheses = options.hypotheses ?? (await listHypotheses(db, params.hypothesisIds));
  if (hypotheses.length === 0) throw new Error("No hypotheses to backtest: run discovery first (npm run pipeline -- --mode discovery) or pass --hypotheses FILE");
  if (params.hypothesisIds && hypotheses.length < params.hypothesisIds.length) {
    const missing = params.hypothesisIds.filter((id) => !hypotheses.some((h) => h.id === id));
    throw new Error(`Unknown hypothesis ids: ${missing.join(", ")}`);
  }
  const base = backtestSettingsFromConfig(config);
  const settings = { ...base, fees: params.fees ?? base.fees };
  const tuned = params.slippagePips === undefined ? hypotheses : hypotheses.map((h) => ({ ...h, slippagePips: params.slippagePips ?? h.slippagePips }));

  const t0 = performance.now();
  const tasks: BacktestTask[] = [];
  for (const symbol of params.symbols) {
    const bundle = await loadMarketBundle(db, symbol, STORED_TIMEFRAMES, { fromMs: params.fromMs, toMs: params.toMs });
    const byTimeframe = new Map<Timeframe, Hypothesis[]>();
    for (const h of tuned) byTimeframe.set(h.timeframe, [...(byTimeframe.get(h.timeframe) ?? []), h]);
    // Finest timeframe first: the longest tasks start first, so both cores finish together.
    for (const group of [...byTimeframe.values()].sort((a, b) => timeframeMs(a[0]?.timeframe ?? "1m") - timeframeMs(b[0]?.timeframe ?? "1m"))) tasks.push({ id: tasks.length, bundle: bundleFor(bundle, group), hypotheses: group, settings, regime: config.regime });
  }
  const loadMs = performance.now() - t0;
  await log(`loaded ${params.symbols.length} instruments in ${Math.round(loadMs)} ms; ${tasks.length} tasks`);

  const batch = await createBatch(db, { label: params.label, jobId: options.jobId, settings: { ...params, hypotheses: hypotheses.length, fees: settings.fees, sizing: settings.sizing, startingEquity: settings.startingEquity } });
  const total = tuned.length * params.symbols.length;
  const runs: BacktestRunSummary[] = [];
  const t1 = performance.now();
  await options.progress(0, total, "backtesting");
  // Runs are stored in groups: one transaction per group keeps PGlite's per-commit cost off every single run.
  let pending: HypothesisRun[] = [];
  const flush = async () => {
    const group = pending;
    pending = [];
    const ids = await insertRuns(
      db,
      group.map((run) => ({
        run: { batchId: batch.id, kind: "single", hypothesisId: run.hypothesisId, hypothesisName: run.hypothesisName, symbol: run.symbol, timeframe: run.timeframe, fromTime: run.fromTime, toTime: run.toTime, metrics: run.metrics, diagnostics: run.diagnostics },
        trades: run.trades,
        equity: run.equity,
      })),
    );
    group.forEach(({ trades: _trades, equity: _equity, ...summary }, k) => runs.push({ ...summary, runId: ids[k] ?? "" }));
    await options.progress(runs.length, total, `stored ${runs.length} of ${total} runs`);
  };
  await runBacktestTasks(
    tasks,
    async (run) => {
      pending.push(run);
      if (pending.length >= STORE_GROUP_RUNS) await flush();
    },
    options.threads,
  );
  await flush();
  const computeAndStoreMs = performance.now() - t1;
  runs.sort(order);
  const totals = { trades: runs.reduce((n, r) => n + r.metrics.trades, 0), runs: runs.length };
  await finishBatch(db, batch.id, { totals, timings: { loadMs, computeAndStoreMs } });

  const file = path.join(options.resultsDir ?? ".", BACKTEST_RESULTS_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  // No batch id or timings in the file: the same data and hypotheses must give byte-identical results.
  const content = { label: params.label, symbols: params.symbols, settings: { fees: settings.fees, sizing: settings.sizing, startingEquity: settings.startingEquity, slippagePips: params.slippagePips ?? "per hypothesis" }, totals, runs: runs.map(({ runId, ...r }) => r) };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return { batchId: batch.id, label: params.label, hypotheses: hypotheses.length, symbols: params.symbols, runs, totals, timings: { loadMs, computeAndStoreMs }, file };
}
