import { openTestDatabase } from "@/db/testing/test-databases";
import { DEFAULT_INSTRUMENTS } from "@/lib/market/instruments";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { resampleSeries } from "@/lib/market/resample-candles";
import { assertValidCandleSeries } from "@/lib/market/validate-candles";
import { storeCandleSeries } from "@/lib/jobs/store-candle-series";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";
import { SYNTHETIC_DEFAULT_END } from "@/lib/jobs/generate-market-data";

export interface StoreBenchResult {
  generate: { rows: number; ms: number };
  resample: { timeframe: string; rows: number; ms: number }[];
  validate: { rows: number; ms: number };
  store: { rows: number; ms: number; rowsPerSecond: number };
}

/** Generation, resampling and bulk upsert of 6 months × 3 instruments of 1m candles (≈ 790k rows) on a fresh test database. */
export async function benchStore(log: (line: string) => void): Promise<StoreBenchResult> {
  const start = new Date(SYNTHETIC_DEFAULT_END);
  start.setUTCMonth(start.getUTCMonth() - 6);
  let t = performance.now();
  const market = generateSyntheticMarket({ seed: 42, symbols: DEFAULT_INSTRUMENTS, startMs: start.getTime(), endMs: SYNTHETIC_DEFAULT_END });
  const rows = market.instruments.reduce((n, i) => n + i.candles1m.length, 0);
  const generate = { rows, ms: performance.now() - t };
  log(`generate: ${rows} 1m candles (3 instruments × 6 months) in ${generate.ms.toFixed(0)} ms`);

  const resample: StoreBenchResult["resample"] = [];
  for (const tf of TRADING_TIMEFRAMES) {
    t = performance.now();
    let out = 0;
    for (const inst of market.instruments) out += resampleSeries(inst.candles1m, tf).series.length;
    resample.push({ timeframe: tf, rows: out, ms: performance.now() - t });
    log(`resample 1m → ${tf}: ${out} bars in ${(performance.now() - t).toFixed(0)} ms`);
  }

  // Timed on its own too, since storing includes it: tells whether the database or the checks bound the store rate.
  t = performance.now();
  for (const inst of market.instruments) assertValidCandleSeries(inst.candles1m);
  const validate = { rows, ms: performance.now() - t };
  log(`validate: ${rows} rows in ${validate.ms.toFixed(0)} ms`);

  const handle = await openTestDatabase();
  try {
    t = performance.now();
    for (const inst of market.instruments) await storeCandleSeries(handle.db, inst.candles1m, { kind: "synthetic", detail: "bench" });
    const ms = performance.now() - t;
    const rowsPerSecond = rows / (ms / 1000);
    log(`store: ${rows} rows in ${(ms / 1000).toFixed(1)} s = ${Math.round(rowsPerSecond)} rows/s (validated, upserted)`);
    return { generate, resample, validate, store: { rows, ms, rowsPerSecond } };
  } finally {
    await handle.close();
  }
}
