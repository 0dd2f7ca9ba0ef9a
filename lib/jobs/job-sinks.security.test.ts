import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createJob, finishQueuedJob, getJob, listJobLogs, listJobs } from "@/db/queries/jobs";
import { createAccount, getAccount, setAccountStatus, setPaperFeedStatus } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import { executeJob } from "./run-job";

/** What jobs and paper accounts write to the store (logs, step, error, result, feed state) never holds a secret. */
const KEY = "pk-planted-7Hq2Lm9Xw3Rt6Yb1Nc8Vd5Zs4Fg0";
const SECRET = "c2VjcmV0LXBsYW50ZWQ/Zm9yLXRoZS10ZXN0+PT0=";
const TOKEN = "planted-access-token-0123456789";

describe("job rows and log lines", () => {
  let store: DatabaseHandle;
  beforeAll(async () => {
    store = await openTestDatabase();
  });
  beforeEach(() => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", SECRET);
    vi.stubEnv("ACCESS_TOKEN", TOKEN);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("refuses parameters holding a secret, before any row exists", async () => {
    const before = (await listJobs(store.db)).length;
    await expect(createJob(store.db, "fetch", { exchange: "krakenfutures", symbols: [`BTCUSDT.P ${KEY}`] })).rejects.toMatchObject({ code: "SECRET_IN_INPUT", field: "symbols[0]" });
    await expect(createJob(store.db, "fetch", { note: { deep: [TOKEN] } })).rejects.toMatchObject({ code: "SECRET_IN_INPUT", field: "note.deep[0]" });
    expect((await listJobs(store.db)).length, "nothing was recorded").toBe(before);
  });

  it("redacts the step, log lines, result and error a job writes", async () => {
    const job = await createJob(store.db, "test", { n: 1 });
    await executeJob(store, job, {}, async (_db, _p, ctx) => {
      await ctx.progress(1, 2, `polling with ${KEY}`);
      await ctx.log(`exchange said: invalid key ${KEY} / ${SECRET}`);
      throw new Error(`gave up: postgres://lab:hunter2hunter2@db/x and token ${TOKEN}`);
    });
    const row = await getJob(store.db, job.id);
    expect(row?.step).toBe("polling with [redacted KRAKEN_FUTURES_API_KEY]");
    expect(row?.error).toBe("gave up: postgres://lab:[redacted]@db/x and token [redacted ACCESS_TOKEN]");
    const logs = (await listJobLogs(store.db, job.id)).map((l) => l.message);
    expect(logs).toEqual(["exchange said: invalid key [redacted KRAKEN_FUTURES_API_KEY] / [redacted KRAKEN_FUTURES_API_SECRET]", row?.error]);

    const ok = await createJob(store.db, "test", {});
    await executeJob(store, ok, {}, async () => ({ report: { notes: [`used ${KEY}`] }, n: 2 }));
    expect((await getJob(store.db, ok.id))?.result).toEqual({ report: { notes: ["used [redacted KRAKEN_FUTURES_API_KEY]"] }, n: 2 });

    const unqueued = await createJob(store.db, "test", {});
    await finishQueuedJob(store.db, unqueued.id, `could not be queued: ${SECRET}`);
    expect((await getJob(store.db, unqueued.id))?.error).toBe("could not be queued: [redacted KRAKEN_FUTURES_API_SECRET]");
  });

  it("redacts a paper account's error and its live feed's last message", async () => {
    const account = await createAccount(store.db, { name: "redaction", startingEquity: 1000, feed: "live", settings: {} });
    await setAccountStatus(store.db, account.id, "halted", { error: `exchange refused key ${KEY}` });
    await store.db.execute(sql`update paper_accounts set state = '{"feed":{"updatedAt":0,"barsPerSecond":null,"bars":0}}'::jsonb where id = ${account.id}::uuid`);
    await setPaperFeedStatus(store.db, account.id, { state: "error", at: 0, lastBarClose: null, message: `BTCUSDT.P: ${SECRET}` });
    const row = await getAccount(store.db, account.id);
    expect(row?.error).toBe("exchange refused key [redacted KRAKEN_FUTURES_API_KEY]");
    expect(JSON.stringify(row?.state)).toContain("BTCUSDT.P: [redacted KRAKEN_FUTURES_API_SECRET]");
    expect(JSON.stringify(row?.state)).not.toContain(SECRET);
  });
});
