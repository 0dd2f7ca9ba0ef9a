import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle, type DriverName } from "../client";

/** The server to also test against, when one is configured (CI sets it; locally it is optional). */
export function serverTestUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** Drivers every database test runs on: PGlite always, PostgreSQL when a server URL is set. */
export function testDrivers(): DriverName[] {
  return serverTestUrl() ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * A fresh, migrated, empty database for one test file: in-memory PGlite, or a throwaway database created on the
 * server (and dropped by `close`), so tests never touch a user's data or each other's.
 */
export async function openTestDatabase(driver: DriverName): Promise<DatabaseHandle & { url?: string }> {
  if (driver === "pglite") return openDatabase({ driver: "pglite" });
  const adminUrl = serverTestUrl();
  if (!adminUrl) throw new Error("openTestDatabase('postgres') needs TEST_DATABASE_URL or DATABASE_URL");
  const name = `pel_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: "postgres", url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
