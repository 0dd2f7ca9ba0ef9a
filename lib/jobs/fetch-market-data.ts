import { z } from "zod";
import type { Database } from "@/db/client";
import { createExchange } from "@/lib/exchange/create-exchange";
import { fetchCandles } from "@/lib/exchange/fetch-candles";
import { fetchFundingRates } from "@/lib/exchange/fetch-funding-rates";
import { causeText } from "@/lib/exchange/describe-remote-failure";
import { describeTarget } from "@/lib/exchange/errors";
import type { RetryEvent, RetryOptions } from "@/lib/exchange/with-retry";
import { epochMsSchema } from "@/lib/market/epoch-ms";
import { instrumentListSchema } from "@/lib/market/instruments";
import { TIMEFRAMES, timeframeSchema, type Timeframe } from "@/lib/market/timeframe";
import { databaseCandleSink } from "./database-candle-sink";
import type { ProgressReporter } from "./progress-reporter";
import { resampleStoredMinutes } from "./resample-stored";

/** What a fetch job takes. The exchange's address is not among them: it is configuration (see FetchOptions). */
export const fetchParamsSchema = z.strictObject({
  exchange: z.enum(["krakenfutures", "gemini"]).default("krakenfutures"),
  symbols: instrumentListSchema,
  timeframes: z.array(timeframeSchema).min(1).max(TIMEFRAMES.length),
  months: z.number().int().min(1).max(60),
  /** Start of history for an empty series (epoch ms); default `months` before now. */
  fromMs: epochMsSchema.optional(),
  funding: z.boolean().default(true),
});
export type FetchParams = z.infer<typeof fetchParamsSchema>;

/** Exchanges have no 2m candles: asking for 2m fetches 1m and builds 2m from it. */
export function timeframesToFetch(requested: readonly Timeframe[]): Timeframe[] {
  const set = new Set<Timeframe>(requested.map((tf) => (tf === "2m" ? "1m" : tf)));
  return [...set];
}

export interface FetchReport {
  exchange: string;
  series: { symbol: string; timeframe: Timeframe; written: number; pages: number; startMs: number; endMs: number }[];
  funding: { symbol: string; written: number }[];
  resampled: { symbol: string; timeframe: Timeframe; rows: number; incompleteBuckets: number }[];
}

export interface FetchOptions {
  log?: (message: string) => Promise<void>;
  nowMs?: number;
  retry?: RetryOptions;
  rateLimitMs?: number;
  /**
   * A local Kraken Futures emulator (tests, offline demos); absent means the real exchange. Set by the operator
   * (EXCHANGE_BASE_URL, the CLI's --base-url), never by a job's parameters, so no request can aim the server elsewhere.
   */
  exchangeBaseUrl?: string;
}

/**
 * Fetches candles and funding history for every symbol × timeframe, page by page into the store (resumable), then
 * rebuilds 2m from 1m where 2m was asked for.
 */
export async function fetchMarketData(
  db: Database,
  params: FetchParams,
  progress: ProgressReporter,
  options: FetchOptions = {},
): Promise<FetchReport> {
  const log = options.log ?? (async () => {});
  const nowMs = options.nowMs ?? Date.now();
  const exchange = createExchange({ id: params.exchange, baseUrl: options.exchangeBaseUrl, rateLimitMs: options.rateLimitMs });
  const sink = databaseCandleSink(db, params.exchange);
  const since = new Date(nowMs);
  since.setUTCMonth(since.getUTCMonth() - params.months);
  if (params.fromMs !== undefined) since.setTime(params.fromMs);
  const fetchList = timeframesToFetch(params.timeframes);
  const tasks = params.symbols.flatMap((symbol) => fetchList.map((timeframe) => ({ symbol, timeframe })));
  const onRetry = (e: RetryEvent): void => void log(`retrying ${describeTarget(e.target)} after a ${e.kind} failure (attempt ${e.attempt}, waiting ${Math.round(e.delayMs)} ms): ${causeText(e.error)}`);
  const report: FetchReport = { exchange: params.exchange, series: [], funding: [], resampled: [] };

  for (const [i, task] of tasks.entries()) {
    const result = await fetchCandles({
      exchange,
      symbol: task.symbol,
      timeframe: task.timeframe,
      sinceMs: since.getTime(),
      sink,
      now: () => nowMs,
      retry: { ...options.retry, onRetry },
      onProgress: (p) => void progress(Math.round((i + p.fraction) * 1000), tasks.length * 1000, `${task.symbol} ${task.timeframe}: ${p.written} candles`),
    });
    report.series.push({ symbol: task.symbol, timeframe: task.timeframe, written: result.written, pages: result.pages, startMs: result.startMs, endMs: result.endMs });
    await log(`${task.symbol} ${task.timeframe}: ${result.written} candles in ${result.pages} pages`);
  }
  for (const symbol of params.symbols) {
    if (params.funding) {
      const result = await fetchFundingRates({ exchange, symbol, sinceMs: since.getTime(), sink, now: () => nowMs, retry: { ...options.retry, onRetry } });
      report.funding.push({ symbol, written: result.written });
    }
    if (params.timeframes.includes("2m")) {
      for (const r of await resampleStoredMinutes(db, symbol, ["2m"], nowMs)) report.resampled.push({ symbol, ...r });
    }
  }
  await progress(tasks.length * 1000, tasks.length * 1000, "done");
  return report;
}
