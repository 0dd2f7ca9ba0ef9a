import { availableParallelism } from "node:os";
import { configSchema } from "@/lib/config-schema";
import { TRADING_TIMEFRAMES, type Timeframe } from "@/lib/market/timeframe";
import { bundleFor } from "@/lib/jobs/backtest-tasks/backtest-task-params";
import { SYNTHETIC_DEFAULT_END } from "@/lib/jobs/generate-market-data";
import type { BacktestTask } from "@/lib/jobs/workers/backtest-task";
import { runBacktestTasks } from "@/lib/jobs/workers/run-backtest-tasks";
import { resampleSeries } from "@/lib/market/resample-candles";
import { toFundingSeries, type CandleSeries } from "@/lib/market/series";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { backtestSettingsFromConfig } from "@/lib/hypothesis-runs/backtest-settings";
import { withHigherTimeframeFilter } from "@/lib/signals/higher-timeframe-filter";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { randomFundingSeries } from "@/lib/market/testing/random-funding-series";

/**
 * The full discovery catalog on 3 instruments × 6 months of the synthetic market, from data in memory: indicators,
 * signals, the engine and metrics, on worker threads as the pipeline runs them — one task per instrument × timeframe,
 * each sent just the series it reads (storage excluded). The threads are started first, on other data, and that
 * start is reported apart: a running worker pays it once, not per catalog. Then the catalog's higher-timeframe
 * variants (withFilterVariants), which each pipeline task runs beside its hypotheses, on the same threads.
 */
export async function benchCatalog(log: (line: string) => void): Promise<{ ms: number; cpuMs: number; threadStartMs: number; variantsMs: number; runs: number; trades: number; hypotheses: number }> {
  const config = configSchema.parse({});
  const start = new Date(SYNTHETIC_DEFAULT_END);
  start.setUTCMonth(start.getUTCMonth() - 6);
  const market = generateSyntheticMarket({ seed: 42, symbols: config.instruments, startMs: start.getTime(), endMs: SYNTHETIC_DEFAULT_END });
  const hypotheses = discoverHypotheses(config);
  const settings = backtestSettingsFromConfig(config);
  const variants = hypotheses.flatMap((h) => withHigherTimeframeFilter(h) ?? []);
  const tasks: BacktestTask[] = [];
  const variantTasks: BacktestTask[] = [];
  for (const inst of market.instruments) {
    const series: Partial<Record<Timeframe, CandleSeries>> = { "1m": inst.candles1m };
    for (const tf of TRADING_TIMEFRAMES) series[tf] = resampleSeries(inst.candles1m, tf).series;
    const bundle = { symbol: inst.symbol, series, funding: toFundingSeries(inst.symbol, inst.funding) };
    for (const tf of TRADING_TIMEFRAMES) {
      const group = hypotheses.filter((h) => h.timeframe === tf);
      if (group.length > 0) tasks.push({ id: tasks.length, bundle: bundleFor(bundle, group), hypotheses: group, settings, regime: config.regime });
      const filtered = variants.filter((h) => h.timeframe === tf);
      if (filtered.length > 0) variantTasks.push({ id: variantTasks.length, bundle: bundleFor(bundle, filtered), hypotheses: filtered, settings, regime: config.regime });
    }
  }
  let runs = 0;
  let trades = 0;
  const timed = async (batch: readonly BacktestTask[]): Promise<{ ms: number; cpuMs: number }> => {
    runs = 0;
    trades = 0;
    const t = performance.now();
    const cpu = process.cpuUsage();
    await runBacktestTasks(batch, (run) => {
      runs++;
      trades += run.metrics.trades;
    });
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
  };
  const threads = Math.min(availableParallelism(), tasks.length);
  // Other data than the catalog's, so nothing the threads keep from it is reused by the timed run.
  const threadStart = await timed(warmUpTasks(threads, hypotheses, settings, config.regime));
  const { ms, cpuMs } = await timed(tasks);
  log(`full catalog: ${hypotheses.length} hypotheses × ${market.instruments.length} instruments × 6 months = ${runs} runs, ${trades} trades in ${(ms / 1000).toFixed(2)} s (indicators + signals + engine + metrics, ${threads} worker threads)`);
  // On a machine others share, CPU time says what the run costs: wall time there is CPU time / cores at best.
  log(`  CPU time ${(cpuMs / 1000).toFixed(2)} s over all threads; starting the threads took ${(threadStart.ms / 1000).toFixed(2)} s more (once per process: a running worker keeps them)`);
  const catalog = { runs, trades };
  const filtered = await timed(variantTasks);
  log(`  then the ${runs} higher-timeframe variants each pipeline task runs beside its hypotheses: ${(filtered.ms / 1000).toFixed(2)} s, CPU ${(filtered.cpuMs / 1000).toFixed(2)} s (on the columns, masks and regimes the threads kept)`);
  return { ms, cpuMs, threadStartMs: threadStart.ms, variantsMs: filtered.ms, ...catalog, hypotheses: hypotheses.length };
}

/** One small task per thread on a random walk: starts the threads (loader, modules, JIT) before the timing. */
function warmUpTasks(threads: number, hypotheses: readonly Hypothesis[], settings: BacktestTask["settings"], regime: BacktestTask["regime"]): BacktestTask[] {
  const group = hypotheses.filter((h) => h.timeframe === "30m");
  const series = { "30m": randomWalkSeries("WARMUP", "30m", 2_000, 1) };
  const funding = randomFundingSeries("WARMUP", series["30m"].time[0] ?? 0, (series["30m"].time[1_999] ?? 0) + 1_800_000, 1);
  return Array.from({ length: threads }, (_, id) => ({ id, bundle: { symbol: "WARMUP", series, funding }, hypotheses: group, settings, regime }));
}
