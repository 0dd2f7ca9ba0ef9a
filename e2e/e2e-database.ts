import { readFileSync } from "node:fs";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { E2E_DATA_DIR } from "./playwright.config";

/** The e2e server's own store (its embedded PostgreSQL in .data-e2e), for a spec that seeds rows the UI cannot make. */
export function openE2eDatabase(): Promise<DatabaseHandle> {
  const root = path.resolve(import.meta.dirname, "..");
  const { password, port } = JSON.parse(readFileSync(path.join(root, E2E_DATA_DIR, "embedded-postgres.json"), "utf8")) as { password: string; port: number };
  return openDatabase({ url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/perp_edge`, migrate: false, max: 2 });
}
