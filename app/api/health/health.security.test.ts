import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { closeDatabase } from "@/db/connection";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase } from "@/db/testing/test-databases";
import { AUTHORISED_HEADER } from "@/lib/access/session-cookie";
import { GET } from "./route";

/** A password with `@` in it, written into DATABASE_URL unescaped as people do: the old redaction kept half of it. */
const PASSWORD = "Zq7@Xv9@Kw3-secret";
const ROLE = `pel_health_${randomBytes(4).toString("hex")}`;

let store: DatabaseHandle;
let admin: postgres.Sql;
const saved = { ...process.env };

beforeAll(async () => {
  store = await openTestDatabase();
  admin = postgres(store.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create role ${ROLE} login password '${PASSWORD}'`);
  const url = new URL(store.url);
  await admin.unsafe(`grant create on database ${url.pathname.slice(1)} to ${ROLE}; grant all on schema public, drizzle to ${ROLE}; grant all on all tables in schema public, drizzle to ${ROLE}`);
  process.env.DATABASE_URL = `postgres://${ROLE}:${PASSWORD}@${url.host}${url.pathname}`;
});

afterAll(async () => {
  await closeDatabase();
  process.env = saved;
  await admin.unsafe(`drop owned by ${ROLE}; drop role ${ROLE}`);
  await admin.end();
  await store.close();
});

const health = async (authorised: boolean) => {
  const response = await GET(new Request("http://127.0.0.1:3000/api/health", { headers: authorised ? { [AUTHORISED_HEADER]: "1" } : {} }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("GET /api/health", () => {
  it("tells everyone the driver, the migrations and the version; where the store is only to an authorised caller", async () => {
    const { status, body } = await health(false);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, driver: "server", version: expect.stringMatching(/^\d+\.\d+\.\d+/), migrations: { upToDate: true } });
    expect(body).not.toHaveProperty("location");
    expect(JSON.stringify(body)).not.toContain(new URL(store.url).port);
    // An authorised caller sees where it is, with every part of the password removed.
    const authorised = (await health(true)).body;
    const location = String(authorised.location);
    expect(location).toContain(ROLE);
    expect(location).toContain(new URL(store.url).host);
    for (const part of PASSWORD.split("@")) expect(location).not.toContain(part);
  });

  it("a password URL parsers would cut at '/' leaks no part of it, even to an authorised caller", async () => {
    await closeDatabase();
    const url = new URL(store.url);
    process.env.DATABASE_URL = `postgres://${ROLE}:Zq7@Xv9/Kw3-secret@${url.host}${url.pathname}`;
    for (const authorised of [false, true]) {
      const { status, body } = await health(authorised);
      expect(status).toBe(503);
      for (const part of ["Zq7", "Xv9", "Kw3"]) expect(JSON.stringify(body)).not.toContain(part);
    }
    expect(String((await health(true)).body.error)).toMatch(/DATABASE_URL .*percent-encode/);
  });
});
