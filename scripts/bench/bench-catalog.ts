import { configSchema, TRADING_TIMEFRAMES } from "@/lib/config-schema";
import { SYNTHETIC_DEFAULT_END } from "@/lib/jobs/generate-market-data";
import type { BacktestTask } from "@/lib/jobs/workers/backtest-task";
import { runBacktestTasks } from "@/lib/jobs/workers/run-backtest-tasks";
import { resampleSeries } from "@/lib/market/resample-candles";
import { toFundingSeries, type CandleSeries } from "@/lib/market/series";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import type { Timeframe } from "@/lib/market/timeframe";
import { backtestSettingsFromConfig } from "@/lib/research/backtest-settings";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import type { Hypothesis } from "@/lib/signals/hypothesis";

/**
 * The full discovery catalog on 3 instruments × 6 months of the synthetic market, from data in memory: indicators,
 * signals, the engine and metrics, on worker threads as the pipeline runs them (storage excluded).
 */
export async function benchCatalog(log: (line: string) => void): Promise<{ ms: number; runs: number; trades: number; hypotheses: number }> {
  const config = configSchema.parse({});
  const start = new Date(SYNTHETIC_DEFAULT_END);
  start.setUTCMonth(start.getUTCMonth() - 6);
  const market = generateSyntheticMarket({ seed: 42, symbols: config.instruments, startMs: start.getTime(), endMs: SYNTHETIC_DEFAULT_END });
  const hypotheses = discoverHypotheses(config);
  const settings = backtestSettingsFromConfig(config);
  const tasks: BacktestTask[] = [];
  for (const inst of market.instruments) {
    const series: Partial<Record<Timeframe, CandleSeries>> = { "1m": inst.candles1m };
    for (const tf of TRADING_TIMEFRAMES) series[tf] = resampleSeries(inst.candles1m, tf).series;
    const bundle = { symbol: inst.symbol, series, funding: toFundingSeries(inst.symbol, inst.funding) };
    const byTf = new Map<string, Hypothesis[]>();
    for (const h of hypotheses) byTf.set(h.timeframe, [...(byTf.get(h.timeframe) ?? []), h]);
    for (const group of byTf.values()) tasks.push({ id: tasks.length, bundle, hypotheses: group, settings, regime: config.regime });
  }
  let runs = 0;
  let trades = 0;
  const t = performance.now();
  await runBacktestTasks(tasks, (run) => {
    runs++;
    trades += run.metrics.trades;
  });
  const ms = performance.now() - t;
  log(`full catalog: ${hypotheses.length} hypotheses × ${market.instruments.length} instruments × 6 months = ${runs} runs, ${trades} trades in ${(ms / 1000).toFixed(2)} s (indicators + signals + engine + metrics, 2 worker threads)`);
  return { ms, runs, trades, hypotheses: hypotheses.length };
}
