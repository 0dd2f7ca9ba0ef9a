import { runBacktest } from "@/lib/backtest/run-backtest";
import { configSchema } from "@/lib/config-schema";
import { SYNTHETIC_DEFAULT_END } from "@/lib/jobs/generate-market-data";
import { toFundingSeries } from "@/lib/market/series";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { buildLeg } from "@/lib/hypothesis-runs/build-leg";
import { ResearchCache } from "@/lib/hypothesis-runs/research-cache";
import { hypothesisSchema } from "@/lib/signals/hypothesis";

const REPEATS = 15;
/** 0.05 % per side, the fee the comparison with vectorbt used; no slippage, no time stop (a year stands for none). */
const FEES = { taker: 0.0005, maker: 0.0005 };

/**
 * One backtest as vectorbt was timed on the same machine (~87 ms with numba): `RSI(14) < 30` long, stop 1 ATR below
 * entry, target 2R, one position at a time, on the 263,520 1m bars of six months of one synthetic instrument in
 * memory. Timed end to end through the pipeline's own path — compile the hypothesis, compute RSI, ATR and regimes on
 * a fresh cache, evaluate the signals, run the engine with validation and metrics — every repeat from a cold cache.
 */
export function benchSingleBacktest(log: (line: string) => void): { bestMs: number; medianMs: number; firstMs: number; trades: number; bars: number } {
  const config = configSchema.parse({});
  const start = new Date(SYNTHETIC_DEFAULT_END);
  start.setUTCMonth(start.getUTCMonth() - 6);
  const market = generateSyntheticMarket({ seed: 42, symbols: ["BTCUSDT.P"], startMs: start.getTime(), endMs: SYNTHETIC_DEFAULT_END });
  const instrument = market.instruments[0];
  if (!instrument) throw new Error("the synthetic market has no instrument");
  const minute = instrument.candles1m;
  const bundle = { symbol: instrument.symbol, series: { "1m": minute }, funding: toFundingSeries(instrument.symbol, instrument.funding) };
  const hypothesis = hypothesisSchema.parse({
    id: "bench-rsi-1m",
    name: "RSI14_Below30_1m_Long",
    timeframe: "2m",
    direction: "long",
    description: "The single backtest vectorbt was timed on.",
    entryConditions: ["RSI(14) < 30"],
    stopLoss: "1 ATR below entry",
    target: "2R",
    typicalHoldMinutes: [1, 60],
    maxHoldMinutes: 365 * 24 * 60,
    slippagePips: 0,
    expectedAccuracy: 0.5,
    signalType: "mean_reversion",
    indicatorsUsed: ["RSI", "ATR"],
    regimeBest: "any",
    fundingRateConsideration: "none",
  });
  const account = { fees: FEES, sizing: { mode: "risk" as const, riskFraction: config.positionSizePct, leverage: config.leverage }, startingEquity: config.startingEquity };

  const timings: number[] = [];
  let trades = 0;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const leg = buildLeg(hypothesis, bundle, new ResearchCache(config.regime), minute);
    trades = runBacktest({ ...leg, ...account }).trades.length;
    timings.push(performance.now() - t0);
  }
  const firstMs = timings[0] ?? Number.NaN;
  const warm = timings.slice(1).sort((a, b) => a - b);
  const bestMs = warm[0] ?? firstMs;
  const medianMs = warm[Math.floor(warm.length / 2)] ?? firstMs;
  log(`RSI(14) < 30 long, 1 ATR stop, 2R target, on ${minute.length} 1m bars: ${trades} trades; best ${bestMs.toFixed(1)} ms, median ${medianMs.toFixed(1)} ms, first (cold JIT) ${firstMs.toFixed(1)} ms (compile + RSI + ATR + regimes + signals + engine + metrics)`);
  return { bestMs, medianMs, firstMs, trades, bars: minute.length };
}
