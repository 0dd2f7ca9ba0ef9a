import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { FundingRate } from "@/lib/market/candle";
import type { Database } from "../client";
import { fundingRates } from "../schema";
import { numericArrayLiteral } from "./pg-array";
import type { TimeRange } from "./candles";

const BATCH_ROWS = 5000;

/** Idempotent bulk upsert of one instrument's funding history, in one transaction. */
export async function upsertFundingRates(db: Database, symbol: string, rates: readonly FundingRate[]): Promise<number> {
  if (rates.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (let from = 0; from < rates.length; from += BATCH_ROWS) {
      const batch = rates.slice(from, from + BATCH_ROWS);
      await tx.execute(sql`
        insert into funding_rates (symbol, time, rate)
        select ${symbol}, t.*
        from unnest(${numericArrayLiteral(batch.map((r) => r.time))}::bigint[], ${numericArrayLiteral(batch.map((r) => r.rate))}::float8[]) as t
        on conflict (symbol, time) do update set rate = excluded.rate`);
    }
  });
  return rates.length;
}

export async function loadFundingRates(db: Database, symbol: string, range: TimeRange = {}): Promise<FundingRate[]> {
  const conditions = [eq(fundingRates.symbol, symbol)];
  if (range.fromMs !== undefined) conditions.push(gte(fundingRates.time, range.fromMs));
  if (range.toMs !== undefined) conditions.push(lte(fundingRates.time, range.toMs));
  return db
    .select({ time: fundingRates.time, rate: fundingRates.rate })
    .from(fundingRates)
    .where(and(...conditions))
    .orderBy(asc(fundingRates.time));
}

export async function lastFundingTime(db: Database, symbol: string): Promise<number | undefined> {
  const rows = await db
    .select({ last: sql<string | number | null>`max(${fundingRates.time})` })
    .from(fundingRates)
    .where(eq(fundingRates.symbol, symbol));
  const last = rows[0]?.last;
  return last === null || last === undefined ? undefined : Number(last);
}

export async function fundingCoverage(db: Database): Promise<{ symbol: string; first: number; last: number; rows: number }[]> {
  const rows = await db
    .select({
      symbol: fundingRates.symbol,
      first: sql<string | number>`min(${fundingRates.time})`,
      last: sql<string | number>`max(${fundingRates.time})`,
      rows: sql<string | number>`count(*)`,
    })
    .from(fundingRates)
    .groupBy(fundingRates.symbol)
    .orderBy(fundingRates.symbol);
  return rows.map((r) => ({ symbol: r.symbol, first: Number(r.first), last: Number(r.last), rows: Number(r.rows) }));
}
