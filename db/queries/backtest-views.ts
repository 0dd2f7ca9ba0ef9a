import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { backtestRuns, backtestTrades } from "../schema";
import type { RunRow, TradeRow } from "./backtests";

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
