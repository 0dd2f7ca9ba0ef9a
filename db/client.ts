import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { lockEmbeddedStore } from "./embedded-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver's drizzle instance: queries are written once against this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = "pglite" | "postgres";

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DriverName;
  /** Where the data lives: the PGlite folder, or the server URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** Resolved from the project root (npm scripts, tests and the Next server all run there); bundled code has no reliable __dirname. */
export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export type OpenOptions =
  | { driver: "postgres"; url: string; migrate?: boolean }
  | { driver: "pglite"; dataDir?: string; migrate?: boolean };

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/** Opens a migrated database. `dataDir` undefined with PGlite means in memory (tests). */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const shouldMigrate = options.migrate ?? true;
  if (options.driver === "postgres") {
    // Silence NOTICEs (e.g. "relation already exists, skipping") that would clutter CLI output.
    const client = postgres(options.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    if (shouldMigrate) await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db, driver: "postgres", location: redactUrl(options.url), close: () => client.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const unlock = options.dataDir ? lockEmbeddedStore(options.dataDir) : () => {};
  try {
    const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    const db = drizzlePglite(client, { schema });
    if (shouldMigrate) await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const close = async () => {
      await client.close();
      unlock();
    };
    return { db, driver: "pglite", location: options.dataDir ? path.resolve(options.dataDir) : "memory", close };
  } catch (error) {
    unlock();
    throw error;
  }
}
