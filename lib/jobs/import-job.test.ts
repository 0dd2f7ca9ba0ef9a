import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { countCandles } from "@/db/queries/candles";
import { createJob, getJob } from "@/db/queries/jobs";
import { openTestDatabase } from "@/db/testing/test-databases";
import { importParamsSchema, runImportJob } from "./import-market-file";
import { executeJob } from "./run-job";

const csv = ["timestamp,open,high,low,close,volume", ...Array.from({ length: 50 }, (_, i) => `${Date.UTC(2026, 0, 1) + i * 60_000},100,101,99,100.5,10`)].join("\n");
const params = { fileName: "btc.csv", symbol: "BTCUSDT.P", kind: "candles" as const, timeframe: "1m" as const };

describe("import job", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("is reported done once its rows are committed, even if its process dies right after", async () => {
    const job = await createJob(handle.db, "import", params);
    await executeJob(handle, job, params, async (db, p, ctx) => {
      await runImportJob(db, p, csv, ctx);
      // What a kill -9 right after the commit would leave: the job must not read as failed or running.
      throw new Error("the worker died");
    });
    expect(await countCandles(handle.db, "BTCUSDT.P", "1m")).toBe(50);
    expect(await getJob(handle.db, job.id)).toMatchObject({ status: "succeeded", result: { kind: "candles", symbol: "BTCUSDT.P", rows: 50 } });
  });

  it("commits nothing, and is not done, when the file is refused", async () => {
    const job = await createJob(handle.db, "import", params);
    await executeJob(handle, job, params, (db, p, ctx) => runImportJob(db, { ...p, symbol: "ETHUSDT.P" }, `${csv}\n${Date.UTC(2026, 0, 2)},100,90,99,100,1`, ctx));
    expect(await countCandles(handle.db, "ETHUSDT.P", "1m")).toBe(0);
    expect(await getJob(handle.db, job.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/high/) });
  });
});

describe("import parameters", () => {
  it("resample only candles, into timeframes the file's bars nest in", () => {
    const base = { fileName: "btc.csv", symbol: "BTCUSDT.P", timeframe: "1m" };
    expect(importParamsSchema.parse({ ...base, resampleTo: ["2m", "5m", "15m", "30m"] }).resampleTo).toEqual(["2m", "5m", "15m", "30m"]);
    expect(importParamsSchema.safeParse({ ...base, timeframe: "2m", resampleTo: ["5m"] }).success, "5m is not whole 2m bars").toBe(false);
    expect(importParamsSchema.safeParse({ ...base, resampleTo: ["1m"] }).success, "not coarser").toBe(false);
    expect(importParamsSchema.safeParse({ fileName: "f.csv", symbol: "BTCUSDT.P", kind: "funding", resampleTo: ["5m"] }).success).toBe(false);
  });
});
