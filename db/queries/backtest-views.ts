import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { backtestFilterVariants, backtestRuns, backtestTrades } from "../schema";
import type { FilterVariant, RunRow, TradeRow } from "./backtests";
import { binaryColumn, decodeBinaryColumn } from "./bulk-read";
import { resultRows } from "./result-rows";

/** One page of a run's trades in `seq` order, optionally by side and exit reason, with the count before paging. */
export async function listTradesPage(
  db: Database,
  runId: string,
  options: { limit: number; offset: number; side?: TradeRow["side"]; reason?: TradeRow["reason"] },
): Promise<{ total: number; rows: TradeRow[] }> {
  const conditions = [eq(backtestTrades.runId, runId)];
  if (options.side) conditions.push(eq(backtestTrades.side, options.side));
  if (options.reason) conditions.push(eq(backtestTrades.reason, options.reason));
  const where = and(...conditions);
  const [count] = await db.select({ n: sql<string | number>`count(*)` }).from(backtestTrades).where(where);
  const rows = await db.select().from(backtestTrades).where(where).orderBy(asc(backtestTrades.seq)).limit(options.limit).offset(options.offset);
  return { total: Number(count?.n ?? 0), rows };
}

/** Runs of several batches at once (the batch list), in listRuns order within each batch. */
export async function listRunsOfBatches(db: Database, batchIds: readonly string[]): Promise<RunRow[]> {
  if (batchIds.length === 0) return [];
  return db
    .select()
    .from(backtestRuns)
    .where(inArray(backtestRuns.batchId, [...batchIds]))
    .orderBy(asc(backtestRuns.timeframe), asc(backtestRuns.hypothesisName), asc(backtestRuns.symbol));
}

/** Every trade of a batch's runs, grouped by run in `seq` order: one query for what the analysis reads of each run. */
export async function listTradesOfBatch(db: Database, batchId: string): Promise<Map<string, TradeRow[]>> {
  const rows = await db
    .select({ trade: backtestTrades })
    .from(backtestTrades)
    .innerJoin(backtestRuns, eq(backtestRuns.id, backtestTrades.runId))
    .where(eq(backtestRuns.batchId, batchId))
    .orderBy(asc(backtestTrades.runId), asc(backtestTrades.seq));
  const byRun = new Map<string, TradeRow[]>();
  for (const { trade } of rows) {
    const list = byRun.get(trade.runId);
    if (list) list.push(trade);
    else byRun.set(trade.runId, [trade]);
  }
  return byRun;
}

/** The trade fields the analysis reads, as columns in `seq` order. */
export interface TradeColumns {
  entryTime: Float64Array;
  exitTime: Float64Array;
  netPnl: Float64Array;
  r: Float64Array;
  entryFee: Float64Array;
  exitFee: Float64Array;
  funding: Float64Array;
  slippage: Float64Array;
}

/**
 * Every run's trades of a batch as typed columns, in one query (binary aggregates: see bulk-read.ts): a batch's tens
 * of thousands of trades arrive as a few buffers per run instead of one row object each.
 */
export async function loadTradeColumnsOfBatch(db: Database, batchId: string): Promise<Map<string, TradeColumns>> {
  const bySeq = sql`t.seq`;
  const rows = resultRows<{ run_id: string } & Record<`c${number}`, Buffer | null>>(
    await db.execute(sql`
      select t.run_id,
        ${binaryColumn(sql`t.entry_time`, "int8", bySeq)} as c0, ${binaryColumn(sql`t.exit_time`, "int8", bySeq)} as c1,
        ${binaryColumn(sql`t.net_pnl`, "float8", bySeq)} as c2, ${binaryColumn(sql`t.r`, "float8", bySeq)} as c3,
        ${binaryColumn(sql`t.entry_fee`, "float8", bySeq)} as c4, ${binaryColumn(sql`t.exit_fee`, "float8", bySeq)} as c5,
        ${binaryColumn(sql`t.funding`, "float8", bySeq)} as c6, ${binaryColumn(sql`t.slippage`, "float8", bySeq)} as c7
      from backtest_trades t join backtest_runs r on r.id = t.run_id
      where r.batch_id = ${batchId}
      group by t.run_id`),
  );
  return new Map(
    rows.map((row) => {
      const float = (c: number) => decodeBinaryColumn(row[`c${c}`] ?? null, "float8");
      const columns: TradeColumns = {
        entryTime: decodeBinaryColumn(row.c0 ?? null, "int8"),
        exitTime: decodeBinaryColumn(row.c1 ?? null, "int8"),
        netPnl: float(2),
        r: float(3),
        entryFee: float(4),
        exitFee: float(5),
        funding: float(6),
        slippage: float(7),
      };
      return [row.run_id, columns];
    }),
  );
}

/** Every run's equity curve of a batch as typed columns, in one query (binary aggregates: see bulk-read.ts). */
export async function loadEquityOfBatch(db: Database, batchId: string): Promise<Map<string, { time: Float64Array; equity: Float64Array }>> {
  const rows = resultRows<{ run_id: string; c0: Buffer | null; c1: Buffer | null }>(
    await db.execute(sql`
      select e.run_id, ${binaryColumn(sql`e.time`, "int8", sql`e.time`)} as c0, ${binaryColumn(sql`e.equity`, "float8", sql`e.time`)} as c1
      from backtest_equity e join backtest_runs r on r.id = e.run_id
      where r.batch_id = ${batchId}
      group by e.run_id`),
  );
  return new Map(rows.map((r) => [r.run_id, { time: decodeBinaryColumn(r.c0, "int8"), equity: decodeBinaryColumn(r.c1, "float8") }]));
}

/** The filter variants of a batch's runs, by run id (runs backtested before variants were kept have none). */
export async function listFilterVariantsOfBatch(db: Database, batchId: string): Promise<Map<string, FilterVariant>> {
  const rows = await db
    .select({ variant: backtestFilterVariants })
    .from(backtestFilterVariants)
    .innerJoin(backtestRuns, eq(backtestRuns.id, backtestFilterVariants.runId))
    .where(eq(backtestRuns.batchId, batchId));
  return new Map(rows.map(({ variant: { runId, ...variant } }) => [runId, variant]));
}
