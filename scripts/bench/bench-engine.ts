import { createLegContext } from "@/lib/backtest/leg-context";
import { runBacktest } from "@/lib/backtest/run-backtest";
import { simulateLeg } from "@/lib/backtest/simulate-leg";
import { T0 } from "@/lib/backtest/testing/build-series";
import { uniformDraws } from "@/lib/market/testing/uniform-draws";
import type { BacktestInput } from "@/lib/backtest/types";
import type { CandleSeries } from "@/lib/market/series";

const BARS = 1_000_000;
const REPEATS = 9;

function syntheticInput(): BacktestInput {
  const random = uniformDraws(42);
  const arrays = Array.from({ length: 5 }, () => new Float64Array(BARS));
  const [time, open, high, low, close] = arrays as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  let price = 30_000;
  for (let i = 0; i < BARS; i++) {
    const next = price * (1 + (random() - 0.5) * 0.004);
    time[i] = T0 + i * 120_000;
    open[i] = price;
    close[i] = next;
    high[i] = Math.max(price, next) * (1 + random() * 0.001);
    low[i] = Math.min(price, next) * (1 - random() * 0.001);
    price = next;
  }
  const series: CandleSeries = { symbol: "BTCUSDT.P", timeframe: "2m", length: BARS, time, open, high, low, close, volume: new Float64Array(BARS) };
  const entrySignal = new Uint8Array(BARS);
  for (let i = 0; i < BARS; i++) if (random() < 0.002) entrySignal[i] = 1;
  return {
    series,
    entrySignal,
    direction: "long",
    atr: new Float64Array(BARS).fill(60),
    exits: { stop: { kind: "atr", multiple: 1.5 }, target: { kind: "r", multiple: 2 } },
    maxHoldMinutes: 240,
    slippagePips: 1,
    fees: { taker: 0.0005, maker: 0.0002 },
    sizing: { mode: "risk", riskFraction: 0.02, leverage: 1 },
    startingEquity: 10_000,
  };
}

/**
 * Engine throughput: bar-steps per second of the single-leg loop alone (validation and metrics excluded) on a ~1M-bar
 * synthetic 2m series with sparse signals.
 */
export function benchEngine(log: (line: string) => void): { barStepsPerSecond: number; medianBarStepsPerSecond: number; freshBarStepsPerSecond: number } {
  const input = syntheticInput();
  const ctx = createLegContext("bench", input, input.fees, input.sizing);
  const equityBuffer = new Float64Array(BARS);
  simulateLeg(ctx, input.startingEquity, equityBuffer); // warm-up: JIT, and the close-time cache of the series
  const timings: number[] = [];
  let trades = 0;
  let exposed = 0;
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint();
    const sim = simulateLeg(ctx, input.startingEquity, equityBuffer);
    exposed = sim.exposedBars;
    timings.push(Number(process.hrtime.bigint() - start) / 1e9);
    trades = sim.trades.length;
    }
  const best = Math.min(...timings);
  const median = [...timings].sort((a, b) => a - b)[Math.floor(REPEATS / 2)] ?? best;
  const freshStart = process.hrtime.bigint();
  simulateLeg(ctx, input.startingEquity);
  const freshSeconds = Number(process.hrtime.bigint() - freshStart) / 1e9;
  const fullStart = process.hrtime.bigint();
  runBacktest(input);
  const fullSeconds = Number(process.hrtime.bigint() - fullStart) / 1e9;

  const fmt = (n: number): string => `${(n / 1e6).toFixed(1)}M`;
  log(`bars: ${BARS}, trades: ${trades}, bars in position: ${((100 * exposed) / BARS).toFixed(1)} %, repeats: ${REPEATS}`);
  log(`engine loop (reused equity buffer): best ${fmt(BARS / best)} bar-steps/s (${(best * 1000).toFixed(1)} ms), median ${fmt(BARS / median)} bar-steps/s`);
  log(`engine loop with a fresh equity array: ${fmt(BARS / freshSeconds)} bar-steps/s (${(freshSeconds * 1000).toFixed(1)} ms)`);
  log(`runBacktest incl. validation + metrics: ${(fullSeconds * 1000).toFixed(1)} ms`);
  return { barStepsPerSecond: BARS / best, medianBarStepsPerSecond: BARS / median, freshBarStepsPerSecond: BARS / freshSeconds };
}
