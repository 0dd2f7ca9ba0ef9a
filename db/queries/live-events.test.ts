import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../client";
import { openTestDatabase } from "../testing/test-databases";
import { listLiveEvents, recordLiveEvents, type NewLiveEvent } from "./live-events";
import { resultRows } from "./result-rows";

const T0 = Date.UTC(2026, 0, 5, 12);
/** A key anyone would recognise in a message: it must reach no row. */
const PLANTED_KEY = "pel-planted-api-key-7f3a9c1e";

describe("live events on PostgreSQL", () => {
  let handle: DatabaseHandle;
  const previousKey = process.env.KRAKEN_FUTURES_API_KEY;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterEach(() => {
    if (previousKey === undefined) delete process.env.KRAKEN_FUTURES_API_KEY;
    else process.env.KRAKEN_FUTURES_API_KEY = previousKey;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const event = (i: number, changes: Partial<NewLiveEvent> = {}): NewLiveEvent => ({ time: T0 + i, kind: "order-sent", clientOrderId: `coid-${i}`, message: `event ${i}`, ...changes });

  it("returns an account's events in the order recorded, paged by id, and no other account's", async () => {
    await recordLiveEvents(handle.db, "acct-a", [event(1), event(2, { clientOrderId: null, kind: "positions-unknown" }), event(3, { detail: { attempt: 2 } })]);
    await recordLiveEvents(handle.db, "acct-b", [event(9)]);
    await recordLiveEvents(handle.db, "acct-a", [event(4)]);
    await recordLiveEvents(handle.db, "acct-a", []);

    const all = await listLiveEvents(handle.db, "acct-a", { limit: 10 });
    expect(all.map((e) => e.message)).toEqual(["event 1", "event 2", "event 3", "event 4"]);
    expect(all[1]).toMatchObject({ accountId: "acct-a", time: T0 + 2, kind: "positions-unknown", clientOrderId: null, detail: null });
    expect(all[2]?.detail).toEqual({ attempt: 2 });

    const first = await listLiveEvents(handle.db, "acct-a", { limit: 2 });
    const rest = await listLiveEvents(handle.db, "acct-a", { afterId: first.at(-1)?.id, limit: 10 });
    expect([...first, ...rest], "two pages hold every event once").toEqual(all);
    expect((await listLiveEvents(handle.db, "acct-b", { limit: 10 })).map((e) => e.message)).toEqual(["event 9"]);
  });

  it("keeps a many-row batch in order", async () => {
    const batch = Array.from({ length: 2_500 }, (_, i) => event(i, { message: `bulk ${i}` }));
    await recordLiveEvents(handle.db, "acct-bulk", batch);
    const stored = await listLiveEvents(handle.db, "acct-bulk", { limit: 3_000 });
    expect(stored.map((e) => e.message)).toEqual(batch.map((e) => e.message));
  });

  it("redacts a key in a message or its detail before it reaches a row", async () => {
    process.env.KRAKEN_FUTURES_API_KEY = PLANTED_KEY;
    await recordLiveEvents(handle.db, "acct-secret", [event(1, { message: `refused with key ${PLANTED_KEY}`, detail: { request: { apiKey: PLANTED_KEY } } })]);
    const rows = resultRows<{ message: string; detail: string }>(await handle.db.execute(sql`select message, detail::text as detail from live_events where account_id = 'acct-secret'`));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows), "the key is in no column").not.toContain(PLANTED_KEY);
    expect(rows[0]?.message).toBe("refused with key [redacted KRAKEN_FUTURES_API_KEY]");
    expect(rows[0]?.detail).toContain("[redacted KRAKEN_FUTURES_API_KEY]");
  });
});
