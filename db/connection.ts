import { loadRuntimeEnv } from "@/lib/config";
import { openDatabase, type DatabaseHandle } from "./client";
import { ensureEmbeddedServer } from "./embedded/embedded-server";

const globalForDb = globalThis as unknown as { perpEdgeDb?: Promise<DatabaseHandle> };

/** The URL of the process's store: DATABASE_URL, or the embedded server in DATA_DIR (started when not running). */
export async function storeUrl(): Promise<{ url: string; driver: "embedded" | "server"; location?: string }> {
  const env = loadRuntimeEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, driver: "server" };
  const server = await ensureEmbeddedServer(env.DATA_DIR);
  return { url: server.url, driver: "embedded", location: `embedded PostgreSQL in ${server.dataDir} (127.0.0.1:${server.port})` };
}

/**
 * The process's database: a PostgreSQL server when DATABASE_URL is set, else the project's embedded PostgreSQL in
 * DATA_DIR. Opened and migrated once; cached on globalThis so Next's hot reload does not open a second pool.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.perpEdgeDb) {
    globalForDb.perpEdgeDb = storeUrl().then((store) => openDatabase(store));
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
