import { z } from "zod";
import type { Database } from "@/db/client";
import { epochMsSchema } from "@/lib/market/epoch-ms";
import { instrumentListSchema } from "@/lib/market/instruments";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";
import type { ProgressReporter } from "./progress-reporter";
import { storeResampled, type ResampleReport } from "./resample-stored";
import { storeCandleSeries, storeFundingRates } from "./store-candle-series";

/** A fixed end keeps the demo identical from run to run (and day to day): the same seed gives the same market. */
export const SYNTHETIC_DEFAULT_END = Date.UTC(2026, 9, 1);

/** Seeds are hashed into 32-bit streams (lib/market/seeded-random), so larger ones add nothing. */
const MAX_SEED = 2 ** 32 - 1;

export const generateParamsSchema = z.strictObject({
  seed: z.coerce.number().int().min(0).max(MAX_SEED, `must be a whole number from 0 to ${MAX_SEED}`).default(42),
  months: z.coerce.number().int().min(1).max(24).default(6),
  symbols: instrumentListSchema,
  endMs: epochMsSchema.default(SYNTHETIC_DEFAULT_END),
});
export type GenerateParams = z.infer<typeof generateParamsSchema>;

export interface GenerateReport {
  seed: number;
  from: number;
  to: number;
  instruments: { symbol: string; candles1m: number; fundingRates: number; resampled: ResampleReport[] }[];
  timings: { generateMs: number; storeMs: number; resampleMs: number };
}

function monthsBefore(endMs: number, months: number): number {
  const d = new Date(endMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/** Generates the synthetic market and stores it through the same write path as exchange and file data. */
export async function generateMarketData(db: Database, params: GenerateParams, progress: ProgressReporter): Promise<GenerateReport> {
  const startMs = monthsBefore(params.endMs, params.months);
  const t0 = performance.now();
  const market = generateSyntheticMarket({ seed: params.seed, symbols: params.symbols, startMs, endMs: params.endMs });
  const generateMs = performance.now() - t0;

  let storeMs = 0;
  let resampleMs = 0;
  const totalRows = market.instruments.reduce((n, i) => n + i.candles1m.length, 0);
  let storedBefore = 0;
  const instruments: GenerateReport["instruments"] = [];
  for (const inst of market.instruments) {
    const t1 = performance.now();
    const detail = `seed ${params.seed}`;
    await storeCandleSeries(db, inst.candles1m, { kind: "synthetic", detail }, (written) =>
      progress(storedBefore + written, totalRows, `storing ${inst.symbol} 1m`),
    );
    storedBefore += inst.candles1m.length;
    const fundingRates = await storeFundingRates(db, inst.symbol, inst.funding, { kind: "synthetic", detail });
    const t2 = performance.now();
    await progress(storedBefore, totalRows, `resampling ${inst.symbol} to ${TRADING_TIMEFRAMES.join(", ")}`);
    const resampled = await storeResampled(db, inst.candles1m, TRADING_TIMEFRAMES, params.endMs);
    const t3 = performance.now();
    storeMs += t2 - t1;
    resampleMs += t3 - t2;
    instruments.push({ symbol: inst.symbol, candles1m: inst.candles1m.length, fundingRates, resampled });
  }
  return { seed: params.seed, from: startMs, to: params.endMs, instruments, timings: { generateMs, storeMs, resampleMs } };
}
