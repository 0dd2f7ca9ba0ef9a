import { asc, desc, eq, sql } from "drizzle-orm";
import type { Trade } from "@/lib/backtest/types";
import { regimeName } from "@/lib/backtest/regime-codes";
import type { Database } from "../client";
import { backtestBatches, backtestEquity, backtestFilterVariants, backtestRuns, backtestTrades } from "../schema";
import { copyRows, float8Column, int8Column, uuidColumn } from "./bulk-write";
import { numericArrayLiteral } from "./pg-array";

export type BatchRow = typeof backtestBatches.$inferSelect;
export type RunRow = typeof backtestRuns.$inferSelect;
export type TradeRow = typeof backtestTrades.$inferSelect;

export async function createBatch(db: Database, fields: { label: string; settings: unknown; jobId?: string }): Promise<BatchRow> {
  const [row] = await db.insert(backtestBatches).values({ label: fields.label, settings: fields.settings, jobId: fields.jobId ?? null }).returning();
  if (!row) throw new Error("creating a backtest batch returned no row");
  return row;
}

export async function finishBatch(db: Database, id: string, summary: unknown): Promise<void> {
  await db.update(backtestBatches).set({ summary }).where(eq(backtestBatches.id, id));
}

export interface NewRun {
  batchId: string;
  hypothesisId: string | null;
  hypothesisName: string;
  symbol: string;
  timeframe: string;
  kind: "single" | "portfolio";
  fromTime: number;
  toTime: number;
  metrics: unknown;
  diagnostics: unknown;
}

const textArrayLiteral = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/** A run's higher-timeframe variant as the analysis compares it: the added conditions and its trades' net PnL. */
export interface FilterVariant {
  hypothesisId: string;
  filter: string[];
  netPnl: number[];
}

export interface RunToStore {
  run: NewRun;
  trades: readonly Trade[];
  equity: { time: ArrayLike<number>; equity: ArrayLike<number> };
  filterVariant?: FilterVariant | null;
}

/**
 * Stores runs with all their trades, (thinned) equity curves and filter variants in one transaction: one multi-row
 * insert for the runs, one `unnest` insert for all their trades, one binary COPY for all their equity points (the
 * most rows) and one multi-row insert for the variants.
 */
export async function insertRuns(db: Database, items: readonly RunToStore[]): Promise<string[]> {
  if (items.length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx.insert(backtestRuns).values(items.map((i) => i.run)).returning({ id: backtestRuns.id });
    if (rows.length !== items.length) throw new Error(`storing ${items.length} backtest runs returned ${rows.length} rows`);
    const ids = rows.map((r) => r.id);
    const trades = items.flatMap((item, k) => item.trades.map((t, seq) => ({ t, seq, runId: ids[k] ?? "" })));
    if (trades.length > 0) {
      const col = (f: (t: Trade) => number) => numericArrayLiteral(trades.map((x) => f(x.t)));
      const txt = (f: (t: Trade) => string) => textArrayLiteral(trades.map((x) => f(x.t)));
      await tx.execute(sql`
        insert into backtest_trades (run_id, seq, leg_id, side, entry_time, entry_price, exit_time, exit_price, qty, stop, target,
          reason, entry_fee, exit_fee, funding, slippage, gross_pnl, net_pnl, r, regime, bars_held, ambiguity)
        select * from unnest(
          ${textArrayLiteral(trades.map((x) => x.runId))}::uuid[], ${numericArrayLiteral(trades.map((x) => x.seq))}::int[],
          ${txt((t) => t.legId)}::text[], ${txt((t) => t.side)}::text[],
          ${col((t) => t.entryTime)}::bigint[], ${col((t) => t.entryPrice)}::float8[], ${col((t) => t.exitTime)}::bigint[],
          ${col((t) => t.exitPrice)}::float8[], ${col((t) => t.qty)}::float8[], ${col((t) => t.stop)}::float8[], ${col((t) => t.target)}::float8[],
          ${txt((t) => t.reason)}::text[], ${col((t) => t.entryFee)}::float8[], ${col((t) => t.exitFee)}::float8[], ${col((t) => t.funding)}::float8[],
          ${col((t) => t.slippageCost)}::float8[], ${col((t) => t.grossPnl)}::float8[], ${col((t) => t.netPnl)}::float8[], ${col((t) => t.r)}::float8[],
          ${txt((t) => regimeName(t.regime))}::text[], ${col((t) => t.barsHeld)}::int[], ${txt((t) => t.ambiguity)}::text[])`);
    }
    const runIds: string[] = [];
    const times: number[] = [];
    const values: number[] = [];
    items.forEach((item, k) => {
      for (let j = 0; j < item.equity.time.length; j++) {
        runIds.push(ids[k] ?? "");
        times.push(item.equity.time[j] ?? Number.NaN);
        values.push(item.equity.equity[j] ?? Number.NaN);
      }
    });
    if (runIds.length > 0) await copyRows(tx, "backtest_equity", [uuidColumn("run_id", runIds), int8Column("time", times), float8Column("equity", values)], 0, runIds.length);
    const variants = items.flatMap((item, k) => (item.filterVariant ? [{ runId: ids[k] ?? "", ...item.filterVariant }] : []));
    if (variants.length > 0) await tx.insert(backtestFilterVariants).values(variants);
    return ids;
  });
}

export async function listBatches(db: Database, limit = 20): Promise<BatchRow[]> {
  return db.select().from(backtestBatches).orderBy(desc(backtestBatches.createdAt)).limit(limit);
}

export async function latestBatch(db: Database): Promise<BatchRow | undefined> {
  const [row] = await db.select().from(backtestBatches).where(sql`${backtestBatches.summary} is not null`).orderBy(desc(backtestBatches.createdAt)).limit(1);
  return row;
}

export async function listRuns(db: Database, batchId: string): Promise<RunRow[]> {
  return db.select().from(backtestRuns).where(eq(backtestRuns.batchId, batchId)).orderBy(asc(backtestRuns.timeframe), asc(backtestRuns.hypothesisName), asc(backtestRuns.symbol));
}

export async function getRun(db: Database, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(backtestRuns).where(eq(backtestRuns.id, id));
  return row;
}

export async function listTrades(db: Database, runId: string): Promise<TradeRow[]> {
  return db.select().from(backtestTrades).where(eq(backtestTrades.runId, runId)).orderBy(asc(backtestTrades.seq));
}

export async function loadEquity(db: Database, runId: string): Promise<{ time: number; equity: number }[]> {
  return db.select({ time: backtestEquity.time, equity: backtestEquity.equity }).from(backtestEquity).where(eq(backtestEquity.runId, runId)).orderBy(asc(backtestEquity.time));
}

export async function getBatch(db: Database, id: string): Promise<BatchRow | undefined> {
  const [row] = await db.select().from(backtestBatches).where(eq(backtestBatches.id, id));
  return row;
}
