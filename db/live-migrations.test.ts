import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from "./client";
import { migrationStatus } from "./queries/health";
import { liveLimitsSchema } from "@/lib/trading/live-settings";
import { insertLiveAccount } from "./queries/live-accounts";
import { createAccount, getAccount } from "./queries/paper";
import { resultRows } from "./queries/result-rows";
import * as schema from "./schema";
import { openTestDatabase } from "./testing/test-databases";

interface Journal {
  readonly entries: readonly { readonly tag: string }[];
}

/** The committed migrations up to (not including) `tag`, as a folder of their own: a store made before `tag` existed. */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as Journal;
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at < 0) throw new Error(`${tag} is not in the journal`);
  const folder = mkdtempSync(path.join(tmpdir(), "pel-migrations-"));
  mkdirSync(path.join(folder, "meta"));
  const kept = journal.entries.slice(0, at);
  for (const entry of kept) copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  return folder;
}

describe("the live trading migrations (0004_live_orders, 0005_live_accounts)", () => {
  let handle: DatabaseHandle;
  let folder: string;
  beforeAll(async () => {
    handle = await openTestDatabase({ migrate: false });
    folder = migrationsBefore("0004_live_orders");
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await handle?.close();
  });

  it("applies on a database at 0003 that holds data, and keeps the data", async () => {
    const client = postgres(handle.url, { max: 1, onnotice: () => {} });
    const old = drizzle(client, { schema });
    await migrate(old, { migrationsFolder: folder });
    const account = await createAccount(old, { name: "kept", startingEquity: 1_000, feed: "replay", settings: {} });
    const before = await migrationStatus(old);
    await client.end();
    expect(before.applied, "the database stands at 0003").toBe(4);

    const upgraded = await openDatabase({ url: handle.url });
    try {
      expect(await migrationStatus(upgraded.db)).toMatchObject({ upToDate: true });
      const tables = resultRows<{ table_name: string }>(await upgraded.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_name like 'live_%'`));
      expect(tables.map((t) => t.table_name).sort()).toEqual(["live_accounts", "live_events", "live_intents", "live_orders"]);
      expect((await getAccount(upgraded.db, account.id))?.name, "data from before the migration is still there").toBe("kept");
      const live = await insertLiveAccount(upgraded.db, { name: "on a kept paper account", paperAccountId: account.id, environment: "demo", limits: liveLimitsSchema.parse({}) });
      expect(live.armedAt, "a live account starts disarmed").toBeNull();
    } finally {
      await upgraded.close();
    }
  });
});
