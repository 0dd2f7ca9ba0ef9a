import { openDatabase, type DriverName } from "@/db/client";
import { openTestDatabase } from "@/db/testing/test-databases";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { resampleSeries } from "@/lib/market/resample-candles";
import { storeCandleSeries } from "@/lib/jobs/store-candle-series";
import { TRADING_TIMEFRAMES } from "@/lib/config-schema";
import { SYNTHETIC_DEFAULT_END } from "@/lib/jobs/generate-market-data";

export interface StoreBenchResult {
  generate: { rows: number; ms: number };
  resample: { timeframe: string; rows: number; ms: number }[];
  store: { driver: DriverName; rows: number; ms: number; rowsPerSecond: number }[];
}

/** Generation, resampling and bulk insert of 6 months × 3 instruments of 1m candles (≈ 790k rows) per driver. */
export async function benchStore(drivers: DriverName[], log: (line: string) => void): Promise<StoreBenchResult> {
  const start = new Date(SYNTHETIC_DEFAULT_END);
  start.setUTCMonth(start.getUTCMonth() - 6);
  let t = performance.now();
  const market = generateSyntheticMarket({ seed: 42, symbols: ["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"], startMs: start.getTime(), endMs: SYNTHETIC_DEFAULT_END });
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

  const store: StoreBenchResult["store"] = [];
  for (const driver of drivers) {
    const handle = driver === "pglite" ? await openDatabase({ driver: "pglite" }) : await openTestDatabase("postgres");
    try {
      t = performance.now();
      for (const inst of market.instruments) await storeCandleSeries(handle.db, inst.candles1m, { kind: "synthetic", detail: "bench" });
      const ms = performance.now() - t;
      store.push({ driver, rows, ms, rowsPerSecond: rows / (ms / 1000) });
      log(`store on ${driver}: ${rows} rows in ${(ms / 1000).toFixed(1)} s = ${Math.round(rows / (ms / 1000))} rows/s (validated, upserted)`);
    } finally {
      await handle.close();
    }
  }
  return { generate, resample, store };
}
