/**
 * Throughput of the paper engine without persistence: `npx tsx scripts/bench/bench-paper.ts [days] [modes]`.
 * A synthetic month of 5m bars for three symbols × four hypotheses (12 legs), replayed tick by tick through
 * PaperEngine.onTick in both signal modes:
 * - live: signals/ATR/regimes re-evaluated on the bars known so far at every bar (what a live session does; the cost
 *   per bar grows with the history held);
 * - replay: `replayData` given, columns computed once on the stored series (what a replay of stored data does).
 */
import { performance } from "node:perf_hooks";
import { configSchema } from "@/lib/config-schema";
import { DEFAULT_INSTRUMENTS } from "@/lib/market/instruments";
import { resampleSeries } from "@/lib/market/resample-candles";
import { toFundingSeries } from "@/lib/market/series";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import { hypothesisSchema, type HypothesisInput } from "@/lib/signals/hypothesis";
import { PaperEngine, paperLegId } from "@/lib/paper/paper-engine";
import { replayTicks } from "@/lib/paper/replay-feed";
import type { PaperConfig } from "@/lib/paper/types";
import { portfolioSettingsFromConfig } from "@/lib/backtest/config-settings";

const days = Number(process.argv[2] ?? 30);
const modes = (process.argv[3] ?? "replay,live").split(",");
const config = configSchema.parse({});
const SYMBOLS = DEFAULT_INSTRUMENTS;

const base = { description: "bench", typicalHoldMinutes: [30, 120], slippagePips: 1.5, expectedAccuracy: 0.5, signalType: "mean_reversion", indicatorsUsed: [], regimeBest: "any", fundingRateConsideration: "none" } as const;
const hypotheses = (
  [
    { id: "rsi-long", name: "rsi-long", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 45"], stopLoss: "1.5 ATR below entry", target: "2R" },
    { id: "rsi-short", name: "rsi-short", timeframe: "5m", direction: "short", entryConditions: ["RSI(14) > 55"], stopLoss: "1.5 ATR above entry", target: "2R" },
    { id: "ema-cross", name: "ema-cross", timeframe: "5m", direction: "long", entryConditions: ["EMA(9) crosses above EMA(20)", "ADX(14) > 20"], stopLoss: "1 ATR below entry", target: "2R" },
    { id: "bb-short", name: "bb-short", timeframe: "5m", direction: "short", entryConditions: ["Close > SMA(20)", "RSI(14) > 60"], stopLoss: "40 bps", target: "60 bps" },
  ] satisfies Partial<HypothesisInput>[]
).map((h) => hypothesisSchema.parse({ ...base, ...h }));

const startMs = Date.UTC(2024, 0, 1);
let t = performance.now();
const market = generateSyntheticMarket({ seed: "bench", symbols: SYMBOLS, startMs, endMs: startMs + days * 86_400_000 });
const bundles: MarketBundle[] = market.instruments.map((i) => ({
  symbol: i.symbol,
  series: { "5m": resampleSeries(i.candles1m, "5m").series },
  funding: toFundingSeries(i.symbol, i.funding),
}));
console.log(`data: ${days} days, ${SYMBOLS.length} symbols × ${bundles[0]?.series["5m"]?.length} 5m bars, generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const paperConfig: PaperConfig = {
  legs: SYMBOLS.flatMap((symbol) => hypotheses.map((h) => ({ id: paperLegId(symbol, h), symbol, hypothesis: h }))),
  settings: portfolioSettingsFromConfig(config),
  regime: config.regime,
  minuteBars: false,
};

for (const mode of modes) {
  const engine = new PaperEngine(mode === "replay" ? { ...paperConfig, replayData: bundles } : paperConfig);
  let bars = 0;
  let ticks = 0;
  let events = 0;
  let trades = 0;
  t = performance.now();
  let lastReport = t;
  for (const tick of replayTicks(bundles, { endOfData: true })) {
    bars += tick.bars.length;
    ticks++;
    for (const e of engine.onTick(tick)) {
      events++;
      if (e.type === "position_closed") trades++;
    }
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      console.log(`  ${mode}: ${bars} bars so far, ${(bars / ((lastReport - t) / 1000)).toFixed(0)} bars/s`);
    }
  }
  const seconds = (performance.now() - t) / 1000;
  const snapshotStart = performance.now();
  const json = JSON.stringify(engine.snapshot());
  const snapshotMs = performance.now() - snapshotStart;
  console.log(
    `${mode}: ${bars} bars (${ticks} ticks, ${paperConfig.legs.length} legs) in ${seconds.toFixed(2)} s = ${(bars / seconds).toFixed(0)} bars/s, ` +
      `${(ticks / seconds).toFixed(0)} ticks/s; ${trades} trades, ${events} events; snapshot ${json.length} bytes in ${snapshotMs.toFixed(2)} ms`,
  );
}
