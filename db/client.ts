import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { redactUrlCredentials } from "@/lib/security/url-credentials";
import { StoreUnreachableError } from "./store-unreachable";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The drizzle instance every query is written against. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** Both are PostgreSQL over postgres.js: the project's own embedded server in DATA_DIR, or the server in DATABASE_URL. */
export type DriverName = "embedded" | "server";

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DriverName;
  /** Where the data lives: the embedded store's folder, or the server URL without its password. */
  readonly location: string;
  /** The connection URL (with credentials): for pg-boss and child processes, never for display. */
  readonly url: string;
  close(): Promise<void>;
}

/** Resolved from the project root (npm scripts, tests and the Next server all run there); bundled code has no reliable __dirname. */
export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/** A connection URL as it may be shown: the password replaced as everywhere else (a password may hold `@`, `/`, `#`). */
export function redactUrl(url: string): string {
  return redactUrlCredentials(url);
}

/** Any fixed number: the advisory lock every process takes around migrating, whatever database it is on. */
const MIGRATION_LOCK = 727_470_001;

/**
 * Drizzle's migrator is not safe to run from two processes at once (both see a migration missing, the second fails
 * creating what the first created), and several start together: the dashboard, its worker, a CLI. The lock makes
 * them migrate one after the other; the later ones find nothing left to apply.
 */
async function migrateExclusively(client: postgres.Sql, db: PostgresJsDatabase<Schema>): Promise<void> {
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    lock.release();
  }
}

export interface OpenOptions {
  url: string;
  driver?: DriverName;
  /** Shown instead of the URL (the embedded store shows its folder). */
  location?: string;
  migrate?: boolean;
  /** Pool size; every process keeps its own pool. */
  max?: number;
}

/**
 * Opens a migrated database. The server is asked once before anything else, so a store that cannot be reached is one
 * clear error naming the host, the port and the cause, not a failed migration query.
 */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  // Silence NOTICEs (e.g. "relation already exists, skipping") that would clutter CLI output.
  const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => undefined);
    throw StoreUnreachableError.from(options.url, error);
  }
  const db = drizzle(client, { schema });
  try {
    if (options.migrate ?? true) await migrateExclusively(client, db);
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => undefined);
    throw error;
  }
  return {
    db,
    driver: options.driver ?? "server",
    location: options.location ?? redactUrl(options.url),
    url: options.url,
    close: () => client.end({ timeout: 5 }),
  };
}
