import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { countCandles } from "@/db/queries/candles";
import { openTestDatabase } from "@/db/testing/test-databases";
import { importMarketFile } from "./import-market-file";

const T0 = Date.UTC(2026, 0, 1);
const noProgress = async () => {};
const candles = { symbol: "BTCUSDT.P", kind: "candles" as const, timeframe: "1m" as const };

describe("importMarketFile: a refusal names the file line", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("names the CSV line of an inconsistent candle, header and blank lines counted, and stores nothing", async () => {
    const text = ["timestamp,open,high,low,close,volume", `${T0},100,101,99,100.5,10`, "", `${T0 + 60_000},100,101,99,100.5,10`, `${T0 + 120_000},100,90,99,100,1`].join("\n");
    await expect(importMarketFile(handle.db, { ...candles, fileName: "btc.csv" }, text, noProgress)).rejects.toThrow(
      /^Invalid 1m candles: Line 5 \(2026-01-01T00:02:00\.000Z\): low 99 is above high 90/,
    );
    expect(await countCandles(handle.db, "BTCUSDT.P", "1m")).toBe(0);
  });

  it("names the 1-based entry of a JSON file", async () => {
    const text = JSON.stringify([[T0, 100, 101, 99, 100.5, 10], [T0 + 60_000 + 7, 100, 101, 99, 100.5, 10]]);
    await expect(importMarketFile(handle.db, { ...candles, fileName: "btc.json" }, text, noProgress)).rejects.toThrow(/^Invalid 1m candles: Entry 2 \(.*\): time is not on the 1m grid/);
  });

  it("names the CSV line of a funding rate out of bounds", async () => {
    const text = ["timestamp,rate", `${T0},0.0001`, `${T0 + 28_800_000},3`].join("\n");
    await expect(importMarketFile(handle.db, { symbol: "BTCUSDT.P", kind: "funding", fileName: "funding.csv" }, text, noProgress)).rejects.toThrow(/^Invalid funding rates: Line 3 /);
  });
});
