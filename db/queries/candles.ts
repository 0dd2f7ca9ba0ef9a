import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Candle } from "@/lib/market/candle";
import type { CandleSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";
import type { Database } from "../client";
import { candles } from "../schema";
import { numericArrayLiteral } from "./pg-array";
import { resultRows } from "./result-rows";

/** Rows per statement: large enough to amortise round trips, small enough to keep one statement's text modest. */
export const CANDLE_BATCH_ROWS = 5000;

export interface CandleColumns {
  length: number;
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

function slice(cols: CandleColumns, from: number, to: number): CandleColumns {
  const part = (a: ArrayLike<number>) => Array.prototype.slice.call(a, from, to) as number[];
  return { length: to - from, time: part(cols.time), open: part(cols.open), high: part(cols.high), low: part(cols.low), close: part(cols.close), volume: part(cols.volume) };
}

export function candlesToColumns(rows: readonly Candle[]): CandleColumns {
  return {
    length: rows.length,
    time: rows.map((c) => c.time),
    open: rows.map((c) => c.open),
    high: rows.map((c) => c.high),
    low: rows.map((c) => c.low),
    close: rows.map((c) => c.close),
    volume: rows.map((c) => c.volume),
  };
}

/**
 * Idempotent bulk upsert of one series' candles: writing the same bars twice leaves one copy (the newer values).
 * Runs in one transaction, so a failure writes nothing. Callers validate candles first (lib/market).
 */
export async function upsertCandles(
  db: Database,
  symbol: string,
  timeframe: Timeframe,
  cols: CandleColumns,
  onBatch?: (written: number, total: number) => Promise<void> | void,
): Promise<number> {
  if (cols.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (let from = 0; from < cols.length; from += CANDLE_BATCH_ROWS) {
      const b = slice(cols, from, Math.min(cols.length, from + CANDLE_BATCH_ROWS));
      await tx.execute(sql`
        insert into candles (symbol, timeframe, time, open, high, low, close, volume)
        select ${symbol}, ${timeframe}, t.*
        from unnest(${numericArrayLiteral(b.time)}::bigint[], ${numericArrayLiteral(b.open)}::float8[],
                    ${numericArrayLiteral(b.high)}::float8[], ${numericArrayLiteral(b.low)}::float8[],
                    ${numericArrayLiteral(b.close)}::float8[], ${numericArrayLiteral(b.volume)}::float8[]) as t
        on conflict (symbol, timeframe, time) do update set
          open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`);
      await onBatch?.(from + b.length, cols.length);
    }
  });
  return cols.length;
}

export interface TimeRange {
  fromMs?: number;
  toMs?: number;
}

/** Candles of one series in time order as plain rows, optionally limited to [fromMs, toMs] (open times). */
export async function loadCandles(db: Database, symbol: string, timeframe: Timeframe, range: TimeRange = {}): Promise<Candle[]> {
  const conditions = [eq(candles.symbol, symbol), eq(candles.timeframe, timeframe)];
  if (range.fromMs !== undefined) conditions.push(gte(candles.time, range.fromMs));
  if (range.toMs !== undefined) conditions.push(lte(candles.time, range.toMs));
  return db
    .select({ time: candles.time, open: candles.open, high: candles.high, low: candles.low, close: candles.close, volume: candles.volume })
    .from(candles)
    .where(and(...conditions))
    .orderBy(asc(candles.time));
}

export async function lastCandleTime(db: Database, symbol: string, timeframe: Timeframe): Promise<number | undefined> {
  const rows = await db
    .select({ last: sql<string | number | null>`max(${candles.time})` })
    .from(candles)
    .where(and(eq(candles.symbol, symbol), eq(candles.timeframe, timeframe)));
  const last = rows[0]?.last;
  return last === null || last === undefined ? undefined : Number(last);
}

export async function countCandles(db: Database, symbol: string, timeframe: Timeframe): Promise<number> {
  const rows = await db
    .select({ n: sql<string | number>`count(*)` })
    .from(candles)
    .where(and(eq(candles.symbol, symbol), eq(candles.timeframe, timeframe)));
  return Number(rows[0]?.n ?? 0);
}

export interface SeriesCoverage {
  symbol: string;
  timeframe: string;
  first: number;
  last: number;
  rows: number;
}

/** First, last and row count per stored series (gaps are computed by the caller from the timeframe). */
export async function candleCoverage(db: Database): Promise<SeriesCoverage[]> {
  const rows = await db
    .select({
      symbol: candles.symbol,
      timeframe: candles.timeframe,
      first: sql<string | number>`min(${candles.time})`,
      last: sql<string | number>`max(${candles.time})`,
      rows: sql<string | number>`count(*)`,
    })
    .from(candles)
    .groupBy(candles.symbol, candles.timeframe)
    .orderBy(candles.symbol, candles.timeframe);
  return rows.map((r) => ({ symbol: r.symbol, timeframe: r.timeframe, first: Number(r.first), last: Number(r.last), rows: Number(r.rows) }));
}

export interface GapRange {
  /** Open time of the last bar before the gap and the first bar after it. */
  after: number;
  before: number;
  missingBars: number;
}

/** Holes in one stored series, found in the database (no need to load the series): consecutive bars more than one bar apart. */
export async function candleGaps(db: Database, symbol: string, timeframe: Timeframe, barMs: number, limit = 100): Promise<GapRange[]> {
  const result = await db.execute(sql`
    select time as after, next_time as before from (
      select time, lead(time) over (order by time) as next_time
      from candles where symbol = ${symbol} and timeframe = ${timeframe}
    ) t
    where next_time - time > ${barMs}
    order by time
    limit ${limit}`);
  const rows = resultRows<{ after: string | number; before: string | number }>(result);
  return rows.map((r) => {
    const after = Number(r.after);
    const before = Number(r.before);
    return { after, before, missingBars: Math.round((before - after) / barMs) - 1 };
  });
}

/**
 * One series as typed columns, aggregated into arrays by the database: one row instead of hundreds of thousands of
 * row objects, several times faster to load for the engine.
 */
export async function loadCandleSeries(db: Database, symbol: string, timeframe: Timeframe, range: TimeRange = {}): Promise<CandleSeries> {
  const from = range.fromMs ?? 0;
  const to = range.toMs ?? Number.MAX_SAFE_INTEGER;
  const rows = resultRows<Record<"t" | "o" | "h" | "l" | "c" | "v", string | null>>(
    await db.execute(sql`
      select array_to_string(array_agg(time order by time), ',') as t, array_to_string(array_agg(open order by time), ',') as o,
             array_to_string(array_agg(high order by time), ',') as h, array_to_string(array_agg(low order by time), ',') as l,
             array_to_string(array_agg(close order by time), ',') as c, array_to_string(array_agg(volume order by time), ',') as v
      from candles where symbol = ${symbol} and timeframe = ${timeframe} and time >= ${from} and time <= ${to}`),
  );
  const row = rows[0];
  const column = (text: string | null | undefined) => (text ? Float64Array.from(text.split(","), Number) : new Float64Array(0));
  const time = column(row?.t);
  return { symbol, timeframe, length: time.length, time, open: column(row?.o), high: column(row?.h), low: column(row?.l), close: column(row?.c), volume: column(row?.v) };
}
