import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { openTestDatabase } from "../testing/test-databases";
import { loadBuyAndHold } from "./buy-and-hold";
import { candlesToColumns, upsertCandles } from "./candles";
import { upsertFundingRates } from "./funding-rates";

const BAR = 300_000;
const T0 = Date.UTC(2026, 2, 1);
/** Ten 5m bars: open 100 + i, close 101 + i. */
const candles = Array.from({ length: 10 }, (_, i) => ({ time: T0 + i * BAR, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i, volume: 1 }));
const run = { symbol: "BHUSDT.P", timeframe: "5m" as const, fromTime: T0, toTime: T0 + 10 * BAR };

describe("loadBuyAndHold", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await upsertCandles(handle.db, run.symbol, run.timeframe, candlesToColumns(candles));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("buys at the first open and prices the curve at the sampled bar closes, price only without funding", async () => {
    const samples = [T0 + BAR, T0 + 5 * BAR, T0 + 10 * BAR];
    const hold = await loadBuyAndHold(handle.db, run, samples, 10_000);
    expect(hold?.fundingIncluded).toBe(false);
    // 100 units bought at 100: closes 101, 105, 110.
    expect(hold?.points).toEqual([
      { time: T0, equity: 10_000 },
      { time: T0 + BAR, equity: 10_100 },
      { time: T0 + 5 * BAR, equity: 10_500 },
      { time: T0 + 10 * BAR, equity: 11_000 },
    ]);
  });

  it("charges funding at the close of the bar holding each event, read even when that bar is not sampled", async () => {
    await upsertFundingRates(handle.db, run.symbol, [{ time: T0 + 2.5 * BAR, rate: 0.001 }]);
    const hold = await loadBuyAndHold(handle.db, run, [T0 + BAR, T0 + 10 * BAR], 10_000);
    expect(hold?.fundingIncluded).toBe(true);
    // The event falls in bar 2 (close 103): 100 units × 103 × 0.001 = 10.3 paid by the long.
    expect(hold?.points.map((p) => p.equity)).toEqual([10_000, 10_100, 11_000 - 10.3]);
  });

  it("has no curve when the run's first candle is gone", async () => {
    expect(await loadBuyAndHold(handle.db, { ...run, fromTime: T0 - BAR }, [T0 + BAR], 10_000)).toBeNull();
  });
});
