import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { dataSources } from "../schema";

export type DataSourceKind = "synthetic" | "file" | "krakenfutures" | "gemini" | "resampled";

/** Records where a stored series came from, so results and the Data page can say what they ran on. */
export async function recordDataSource(db: Database, symbol: string, timeframe: string, source: DataSourceKind, detail?: string): Promise<void> {
  await db
    .insert(dataSources)
    .values({ symbol, timeframe, source, detail: detail ?? null })
    .onConflictDoUpdate({ target: [dataSources.symbol, dataSources.timeframe], set: { source, detail: detail ?? null, updatedAt: sql`now()` } });
}

export async function listDataSources(db: Database): Promise<(typeof dataSources.$inferSelect)[]> {
  return db.select().from(dataSources).orderBy(dataSources.symbol, dataSources.timeframe);
}
