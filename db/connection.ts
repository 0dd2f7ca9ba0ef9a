import { loadRuntimeEnv } from "@/lib/config";
import { openDatabase, type DatabaseHandle } from "./client";

const globalForDb = globalThis as unknown as { perpEdgeDb?: Promise<DatabaseHandle> };

/**
 * The process's database: a PostgreSQL server when DATABASE_URL is set, else embedded PGlite in DATA_DIR.
 * Opened and migrated once; cached on globalThis so Next's hot reload does not open a second PGlite on the same folder.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.perpEdgeDb) {
    const env = loadRuntimeEnv();
    globalForDb.perpEdgeDb = env.DATABASE_URL
      ? openDatabase({ driver: "postgres", url: env.DATABASE_URL })
      : openDatabase({ driver: "pglite", dataDir: env.DATA_DIR });
    globalForDb.perpEdgeDb.catch(() => {
      globalForDb.perpEdgeDb = undefined;
    });
  }
  return globalForDb.perpEdgeDb;
}

export async function closeDatabase(): Promise<void> {
  const pending = globalForDb.perpEdgeDb;
  globalForDb.perpEdgeDb = undefined;
  if (pending) await (await pending).close();
}
