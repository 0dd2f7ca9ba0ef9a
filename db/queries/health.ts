import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { MIGRATIONS_FOLDER, type Database } from "../client";
import { resultRows } from "./result-rows";

/** Migrations in the committed journal versus those recorded as applied in the database. */
export async function migrationStatus(db: Database): Promise<{ expected: number; applied: number; upToDate: boolean }> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  const rows = resultRows<{ n: string | number }>(await db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`));
  const applied = Number(rows[0]?.n ?? 0);
  return { expected: journal.entries.length, applied, upToDate: applied === journal.entries.length };
}
