import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { dataSources } from "../schema";

export type DataSourceKind = "synthetic" | "file" | "krakenfutures" | "gemini" | "resampled";

/** Records where a stored series came from, so results and the Data page can say what they ran on. */
export async function recordDataSource(db: Database, symbol: string, timeframe: string, source: DataSourceKind, detail?: string): Promise<void> {
  await db
    .insert(dataSources)
    .values({ symbol, timeframe, source, detail: detail ?? null, updatedAt: sql`clock_timestamp()` })
    .onConflictDoUpdate({ target: [dataSources.symbol, dataSources.timeframe], set: { source, detail: detail ?? null, updatedAt: sql`clock_timestamp()` } });
}

/**
 * When one series was last written, to the microsecond (as text: a Date keeps milliseconds only). Each committed
 * write changes it (clock time, not the transaction's start), so a loaded copy with the same stamp is current.
 */
export async function seriesWrittenAt(db: Database, symbol: string, timeframe: string): Promise<string | undefined> {
  const [row] = await db
    .select({ at: sql<string>`${dataSources.updatedAt}::text` })
    .from(dataSources)
    .where(and(eq(dataSources.symbol, symbol), eq(dataSources.timeframe, timeframe)));
  return row?.at;
}

export async function listDataSources(db: Database): Promise<(typeof dataSources.$inferSelect)[]> {
  return db.select().from(dataSources).orderBy(dataSources.symbol, dataSources.timeframe);
}
