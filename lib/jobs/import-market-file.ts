import path from "node:path";
import { z } from "zod";
import type { Database } from "@/db/client";
import { parseCandleFile } from "@/lib/market/parse-candle-file";
import { parseFundingFile } from "@/lib/market/parse-funding-file";
import { toCandleSeries } from "@/lib/market/series";
import { instrumentSymbolSchema } from "@/lib/market/instruments";
import { timeframeSchema } from "@/lib/market/timeframe";
import type { JobContext } from "./job-context";
import type { ProgressReporter } from "./progress-reporter";
import { storeCandleSeries, storeFundingRates } from "./store-candle-series";

const importFields = {
  fileName: z.string().min(1).max(255),
  symbol: instrumentSymbolSchema,
  kind: z.enum(["candles", "funding"]).default("candles"),
  timeframe: timeframeSchema.optional(),
};
const hasTimeframeIfCandles = (p: { kind: string; timeframe?: string }) => p.kind === "funding" || p.timeframe !== undefined;
const CANDLES_NEED_TIMEFRAME = { message: "candles need a timeframe", path: ["timeframe"] };

/** An import's description: what the file holds. The CLI reads the file itself. */
export const importParamsSchema = z.strictObject(importFields).refine(hasTimeframeIfCandles, CANDLES_NEED_TIMEFRAME);

/**
 * The import job's input: the description and the file's text. Its size is capped before parsing, by the request
 * body limit (lib/body-limits.js), which is the one place a browser import's size is decided.
 */
export const importJobParamsSchema = z.strictObject({ ...importFields, text: z.string().min(1, "the file is empty") }).refine(hasTimeframeIfCandles, CANDLES_NEED_TIMEFRAME);
export type ImportParams = z.infer<typeof importParamsSchema>;

/**
 * Imports one file's candles or funding rates: parsed and validated whole, then written in one transaction, so a
 * malformed file is refused (the error names the line, column and reason) and writes nothing.
 */
export async function importMarketFile(db: Database, params: ImportParams, text: string, progress: ProgressReporter): Promise<{ kind: string; symbol: string; rows: number }> {
  const source = { kind: "file" as const, detail: path.basename(params.fileName) };
  if (params.kind === "funding") {
    const rates = parseFundingFile(text, { fileName: params.fileName });
    const rows = await storeFundingRates(db, params.symbol, rates, source);
    await progress(rows, rows, "stored");
    return { kind: "funding", symbol: params.symbol, rows };
  }
  const timeframe = params.timeframe ?? "1m";
  const candles = parseCandleFile(text, { fileName: params.fileName });
  const rows = await storeCandleSeries(db, toCandleSeries(params.symbol, timeframe, candles), source, (done, total) => progress(done, total, "storing"));
  return { kind: "candles", symbol: params.symbol, rows };
}

/**
 * The import job: the rows and the job's success are committed together, so an import that stored its rows is
 * reported done even if its worker dies right after.
 */
export async function runImportJob(db: Database, params: ImportParams, text: string, ctx: JobContext): Promise<{ kind: string; symbol: string; rows: number }> {
  return db.transaction(async (tx) => {
    const report = await importMarketFile(tx, params, text, ctx.progress);
    await ctx.complete(tx, report);
    return report;
  });
}
