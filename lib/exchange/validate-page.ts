import { z } from "zod";
import { candleSchema, fundingRateSchema, type Candle, type FundingRate } from "@/lib/market/candle";
import { isAligned, type Timeframe } from "@/lib/market/timeframe";
import { MalformedPageError, type FetchTarget } from "./errors";

const rowsSchema = z.array(z.unknown());
/** ccxt's OHLCV row: [time ms, open, high, low, close, volume]. */
const ohlcvSchema = z.tuple([z.unknown(), z.unknown(), z.unknown(), z.unknown(), z.unknown(), z.unknown()]);
/** The two fields of ccxt's FundingRateHistory structure we keep. */
const fundingHistorySchema = z.object({ timestamp: z.unknown(), fundingRate: z.unknown() });

function zodProblem(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`).join("; ");
}

function asRows(page: unknown, target: FetchTarget): unknown[] {
  const rows = rowsSchema.safeParse(page);
  if (!rows.success) throw new MalformedPageError(target, -1, page, "page is not a list", rows.error);
  return rows.data;
}

/** Validates one page of ccxt OHLCV rows: finite numbers, OHLC sanity, aligned and strictly increasing times. */
export function parseCandlePage(page: unknown, target: FetchTarget, timeframe: Timeframe): Candle[] {
  const candles: Candle[] = [];
  asRows(page, target).forEach((row, index) => {
    const tuple = ohlcvSchema.safeParse(row);
    if (!tuple.success) throw new MalformedPageError(target, index, row, "is not a 6-field OHLCV row", tuple.error);
    const [time, open, high, low, close, volume] = tuple.data;
    const parsed = candleSchema.safeParse({ time, open, high, low, close, volume });
    if (!parsed.success) throw new MalformedPageError(target, index, row, zodProblem(parsed.error), parsed.error);
    const candle = parsed.data;
    if (candle.low > Math.min(candle.open, candle.close) || candle.high < Math.max(candle.open, candle.close)) {
      throw new MalformedPageError(target, index, row, "has low/high outside open/close");
    }
    if (!isAligned(candle.time, timeframe)) throw new MalformedPageError(target, index, row, `is not aligned on ${timeframe}`);
    const previous = candles.at(-1);
    if (previous !== undefined && candle.time <= previous.time) {
      throw new MalformedPageError(target, index, row, "is not after the previous row (duplicate or out of order)");
    }
    candles.push(candle);
  });
  return candles;
}

/** Validates one page of ccxt funding-rate history; returns it sorted by time with duplicates removed. */
export function parseFundingPage(page: unknown, target: FetchTarget): FundingRate[] {
  const byTime = new Map<number, FundingRate>();
  asRows(page, target).forEach((row, index) => {
    const entry = fundingHistorySchema.safeParse(row);
    if (!entry.success) throw new MalformedPageError(target, index, row, zodProblem(entry.error), entry.error);
    const parsed = fundingRateSchema.safeParse({ time: entry.data.timestamp, rate: entry.data.fundingRate });
    if (!parsed.success) throw new MalformedPageError(target, index, row, zodProblem(parsed.error), parsed.error);
    byTime.set(parsed.data.time, parsed.data);
  });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
