import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../client";
import { ensureEmbeddedServer } from "../embedded/embedded-server";

/** The embedded server the tests start when no server is configured: its own folder, never a developer's `.data/`. */
export const TEST_DATA_DIR = path.resolve(".data-test");

/** The server tests run on: TEST_DATABASE_URL (or DATABASE_URL) when set (CI sets it), else the tests' embedded server. */
export async function testServerUrl(): Promise<string> {
  const configured = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (configured) return configured;
  return (await ensureEmbeddedServer(TEST_DATA_DIR)).url;
}

/**
 * A fresh, migrated, empty database for one test file: created on the test server and dropped by `close`, so tests
 * never touch a user's data or each other's. `migrate: false` leaves it without tables, for tests of the migrations.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const adminUrl = await testServerUrl();
  const name = `pel_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), migrate: options.migrate });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
