import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { expect } from "@playwright/test";
import { PLANTED_API_KEY, PLANTED_SECRETS } from "./planted-secrets";
import { E2E_DATA_DIR } from "./playwright.config";

const root = path.resolve(import.meta.dirname, "..");

/** Every way a planted value could be written: as is, percent-encoded (URLs, queries), JSON-escaped. */
const SPELLINGS = [...new Set(PLANTED_SECRETS.flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]))];

/** The planted spellings found in `text`, for a message that says where they were (never the value itself). */
export function plantedIn(text: string): string[] {
  return SPELLINGS.filter((s) => text.includes(s)).map((s) => (s.includes(PLANTED_API_KEY) ? "the API key" : "the API secret"));
}

/** Every row of every table of the e2e store, read straight from its embedded PostgreSQL. */
export async function tablesHoldingPlanted(): Promise<string[]> {
  const { password, port } = JSON.parse(readFileSync(path.join(root, E2E_DATA_DIR, "embedded-postgres.json"), "utf8")) as { password: string; port: number };
  const sql = postgres({ host: "127.0.0.1", port, user: "postgres", password, database: "perp_edge", max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`;
    expect(tables.map((t) => t.name), "the scan reaches the job tables").toEqual(expect.arrayContaining(["jobs", "job_logs"]));
    const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;
    const found: string[] = [];
    for (const t of tables) {
      const where = SPELLINGS.map((_, i) => `strpos(r::text, $${i + 1}) > 0`).join(" or ");
      const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${quote(t.schema)}.${quote(t.name)} r where ${where}`, [...SPELLINGS]);
      if ((row?.n ?? 0) > 0) found.push(`${t.schema}.${t.name} (${row?.n} rows)`);
    }
    return found;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
