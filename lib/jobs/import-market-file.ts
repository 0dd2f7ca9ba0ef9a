import path from "node:path";
import { z } from "zod";
import type { Database } from "@/db/client";
import { parseCandleFileWithOrigins } from "@/lib/market/parse-candle-file";
import { parseFundingFileWithOrigins } from "@/lib/market/parse-funding-file";
import { toCandleSeries } from "@/lib/market/series";
import { instrumentSymbolSchema } from "@/lib/market/instruments";
import { TIMEFRAMES, timeframeMs, timeframeSchema, type Timeframe } from "@/lib/market/timeframe";
import type { JobContext } from "./job-context";
import type { ProgressReporter } from "./progress-reporter";
import { storeResampled, type ResampleReport } from "./resample-stored";
import { storeCandleSeries, storeFundingRates } from "./store-candle-series";

const importFields = {
  fileName: z.string().min(1).max(255),
  symbol: instrumentSymbolSchema,
  kind: z.enum(["candles", "funding"]).default("candles"),
  timeframe: timeframeSchema.optional(),
  /**
   * Coarser timeframes to build from the imported candles and store beside them (e.g. 2m, 5m, 15m, 30m from a 1m
   * file): the research timeframes a file rarely comes in, 2m above all, which no exchange publishes.
   */
  resampleTo: z.array(timeframeSchema).min(1).max(TIMEFRAMES.length).optional(),
};
type ImportShape = { kind: string; timeframe?: Timeframe; resampleTo?: readonly Timeframe[] };
const hasTimeframeIfCandles = (p: ImportShape) => p.kind === "funding" || p.timeframe !== undefined;
const CANDLES_NEED_TIMEFRAME = { message: "candles need a timeframe", path: ["timeframe"] };
const isWholeMultiple = (target: Timeframe, source: Timeframe) => timeframeMs(target) > timeframeMs(source) && timeframeMs(target) % timeframeMs(source) === 0;
const resamplesCoarser = (p: ImportShape) => p.resampleTo === undefined || (p.kind === "candles" && p.resampleTo.every((tf) => isWholeMultiple(tf, p.timeframe ?? "1m")));
const RESAMPLE_NEEDS_COARSER = { message: "resampleTo takes candles only, into timeframes that are whole multiples of the file's", path: ["resampleTo"] };

/** An import's description: what the file holds. The CLI reads the file itself. */
export const importParamsSchema = z.strictObject(importFields).refine(hasTimeframeIfCandles, CANDLES_NEED_TIMEFRAME).refine(resamplesCoarser, RESAMPLE_NEEDS_COARSER);

/**
 * The import job's input: the description and the file's text. Its size is capped before parsing, by the request
 * body limit (lib/body-limits.js), which is the one place a browser import's size is decided.
 */
export const importJobParamsSchema = z
  .strictObject({ ...importFields, text: z.string().min(1, "the file is empty") })
  .refine(hasTimeframeIfCandles, CANDLES_NEED_TIMEFRAME)
  .refine(resamplesCoarser, RESAMPLE_NEEDS_COARSER);
export type ImportParams = z.infer<typeof importParamsSchema>;

export interface ImportReport {
  kind: string;
  symbol: string;
  rows: number;
  /** The coarser series built from the file (`resampleTo`), each with its rows and buckets missing source bars. */
  resampled?: ResampleReport[];
}

/**
 * Imports one file's candles or funding rates: parsed and validated whole, then written in one transaction (with the
 * series resampled from it), so a malformed file is refused (the error names the line, column and reason) and writes
 * nothing.
 */
export async function importMarketFile(db: Database, params: ImportParams, text: string, progress: ProgressReporter): Promise<ImportReport> {
  const source = { kind: "file" as const, detail: path.basename(params.fileName) };
  if (params.kind === "funding") {
    const { rates, origins } = parseFundingFileWithOrigins(text, { fileName: params.fileName });
    const rows = await storeFundingRates(db, params.symbol, rates, { ...source, origins });
    await progress(rows, rows, "stored");
    return { kind: "funding", symbol: params.symbol, rows };
  }
  const timeframe = params.timeframe ?? "1m";
  const { candles, origins } = parseCandleFileWithOrigins(text, { fileName: params.fileName });
  const series = toCandleSeries(params.symbol, timeframe, candles);
  const targets = params.resampleTo;
  if (!targets) {
    const rows = await storeCandleSeries(db, series, { ...source, origins }, (done, total) => progress(done, total, "storing"));
    return { kind: "candles", symbol: params.symbol, rows };
  }
  return db.transaction(async (tx) => {
    const rows = await storeCandleSeries(tx, series, { ...source, origins }, (done, total) => progress(done, total, "storing"));
    await progress(rows, rows, `resampling to ${targets.join(", ")}`);
    // No clock: a trailing bucket the file ends inside is held back, not stored half-built.
    return { kind: "candles", symbol: params.symbol, rows, resampled: await storeResampled(tx, series, targets) };
  });
}

/**
 * The import job: the rows and the job's success are committed together, so an import that stored its rows is
 * reported done even if its worker dies right after.
 */
export async function runImportJob(db: Database, params: ImportParams, text: string, ctx: JobContext): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    const report = await importMarketFile(tx, params, text, ctx.progress);
    await ctx.complete(tx, report);
    return report;
  });
}
