import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Candle } from "@/lib/market/candle";
import type { CandleSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";
import type { Database } from "../client";
import { candles } from "../schema";
import { constantTextColumn, copyRows, float8Column, int8Column, stageRows, type CopyColumn, type RowsSent } from "./bulk-write";
import { numericArrayLiteral } from "./pg-array";
import { binaryColumn, readBinaryColumns } from "./bulk-read";
import { resultRows } from "./result-rows";

export interface CandleColumns {
  length: number;
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
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
 * Below this many rows a single `unnest` upsert is faster than COPY, whose fixed costs (a staging table for stored
 * bars; ~40 ms of delayed ACK per COPY, since postgres.js leaves Nagle on) only pay off on larger writes.
 */
export const COPY_MIN_ROWS = 5000;

/** One upsertCandles call: the series, its rows as COPY columns, and where progress goes. */
interface SeriesWrite {
  readonly tx: Database;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly cols: CandleColumns;
  readonly columns: readonly CopyColumn[];
  readonly onSent?: RowsSent;
}

function candleCopyColumns(symbol: string, timeframe: Timeframe, cols: CandleColumns): CopyColumn[] {
  return [
    constantTextColumn("symbol", symbol),
    constantTextColumn("timeframe", timeframe),
    int8Column("time", cols.time),
    float8Column("open", cols.open),
    float8Column("high", cols.high),
    float8Column("low", cols.low),
    float8Column("close", cols.close),
    float8Column("volume", cols.volume),
  ];
}

/** Serialises writers of one series until commit, so bars found unstored stay unstored while this one copies them in. */
async function lockSeries(tx: Database, symbol: string, timeframe: Timeframe): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`candles ${symbol} ${timeframe}`}, 0))`);
}

function isStrictlyIncreasing(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (!((values[i] ?? Number.NaN) > (values[i - 1] ?? Number.NaN))) return false;
  return true;
}

/** The first index in [0, length) where `isPast` holds, for a predicate false then true along the rows. */
function firstIndexWhere(length: number, isPast: (i: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isPast(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Open times of the first and last stored bar within [from, to], if any. */
async function storedSpan(tx: Database, symbol: string, timeframe: Timeframe, from: number, to: number): Promise<{ first: number; last: number } | undefined> {
  const [row] = await tx
    .select({ first: sql<string | number | null>`min(${candles.time})`, last: sql<string | number | null>`max(${candles.time})` })
    .from(candles)
    .where(and(eq(candles.symbol, symbol), eq(candles.timeframe, timeframe), gte(candles.time, from), lte(candles.time, to)));
  return row?.first == null || row.last == null ? undefined : { first: Number(row.first), last: Number(row.last) };
}

const UPDATE_ON_CONFLICT = sql`on conflict (symbol, timeframe, time) do update set
  open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume`;

async function upsertWithUnnest({ tx, symbol, timeframe, cols }: SeriesWrite, from: number, to: number): Promise<void> {
  const column = (values: ArrayLike<number>) => numericArrayLiteral(values, from, to);
  await tx.execute(sql`
    insert into candles (symbol, timeframe, time, open, high, low, close, volume)
    select ${symbol}, ${timeframe}, t.*
    from unnest(${column(cols.time)}::bigint[], ${column(cols.open)}::float8[], ${column(cols.high)}::float8[],
                ${column(cols.low)}::float8[], ${column(cols.close)}::float8[], ${column(cols.volume)}::float8[]) as t
    ${UPDATE_ON_CONFLICT}`);
}

/** COPY has no ON CONFLICT, and a duplicate key would abort it: rows that may be stored are staged, then upserted. */
async function upsertThroughStaging({ tx, columns, onSent }: SeriesWrite, from: number, to: number): Promise<void> {
  const staging = await stageRows(tx, "candles", columns, from, to, onSent);
  await tx.execute(sql`
    insert into candles (symbol, timeframe, time, open, high, low, close, volume)
    select symbol, timeframe, time, open, high, low, close, volume from ${sql.identifier(staging)}
    ${UPDATE_ON_CONFLICT}`);
}

/** Rows [from, to), straight in unless `mayBeStored`: through ON CONFLICT, about twice the server's work. */
async function writeRows(write: SeriesWrite, from: number, to: number, mayBeStored: boolean): Promise<void> {
  if (to <= from) return;
  if (to - from < COPY_MIN_ROWS) {
    await upsertWithUnnest(write, from, to);
    await write.onSent?.(to);
  } else if (mayBeStored) await upsertThroughStaging(write, from, to);
  else await copyRows(write.tx, "candles", write.columns, from, to, write.onSent);
}

/**
 * Idempotent bulk upsert of one series' candles: writing the same bars twice leaves one copy (the newer values).
 * Runs in one transaction, so a failure writes nothing. Callers validate candles first (lib/market). Bars before and
 * after the stored ones in their span are copied straight in; only those among stored bars go through ON CONFLICT,
 * so appending to a series costs little more than writing a new one. `onBatch` follows the rows as they are sent.
 */
export async function upsertCandles(
  db: Database,
  symbol: string,
  timeframe: Timeframe,
  cols: CandleColumns,
  onBatch?: (written: number, total: number) => Promise<void> | void,
): Promise<number> {
  const total = cols.length;
  if (total === 0) return 0;
  const columns = candleCopyColumns(symbol, timeframe, cols);
  const onSent = onBatch && ((upTo: number) => onBatch(upTo, total));
  await db.transaction(async (tx) => {
    const write: SeriesWrite = { tx, symbol, timeframe, cols, columns, onSent };
    await lockSeries(tx, symbol, timeframe);
    // Unordered input cannot be split by time; the upsert also reports duplicate times.
    if (!isStrictlyIncreasing(cols.time)) return writeRows(write, 0, total, true);
    const time = (i: number) => cols.time[i] ?? Number.NaN;
    const stored = await storedSpan(tx, symbol, timeframe, time(0), time(total - 1));
    const overlapFrom = stored ? firstIndexWhere(total, (i) => time(i) >= stored.first) : total;
    const overlapTo = stored ? firstIndexWhere(total, (i) => time(i) > stored.last) : total;
    await writeRows(write, 0, overlapFrom, false);
    await writeRows(write, overlapFrom, overlapTo, true);
    await writeRows(write, overlapTo, total, false);
  });
  return total;
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
 * One series as typed columns, each aggregated by the database into one binary value (bulk-read.ts): one row instead
 * of hundreds of thousands of row objects, several times faster to load for the engine.
 */
export async function loadCandleSeries(db: Database, symbol: string, timeframe: Timeframe, range: TimeRange = {}): Promise<CandleSeries> {
  const from = range.fromMs ?? 0;
  const to = range.toMs ?? Number.MAX_SAFE_INTEGER;
  const byTime = sql`time`;
  const [time, open, high, low, close, volume] = await readBinaryColumns(
    db,
    sql`
      select ${binaryColumn(sql`time`, "int8", byTime)} as c0, ${binaryColumn(sql`open`, "float8", byTime)} as c1,
             ${binaryColumn(sql`high`, "float8", byTime)} as c2, ${binaryColumn(sql`low`, "float8", byTime)} as c3,
             ${binaryColumn(sql`close`, "float8", byTime)} as c4, ${binaryColumn(sql`volume`, "float8", byTime)} as c5
      from candles where symbol = ${symbol} and timeframe = ${timeframe} and time >= ${from} and time <= ${to}`,
    ["int8", "float8", "float8", "float8", "float8", "float8"],
  );
  const empty = new Float64Array(0);
  return { symbol, timeframe, length: time?.length ?? 0, time: time ?? empty, open: open ?? empty, high: high ?? empty, low: low ?? empty, close: close ?? empty, volume: volume ?? empty };
}
