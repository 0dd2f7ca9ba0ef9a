import { describe, expect, it } from "vitest";
import { MemoryCandleSink } from "./memory-candle-sink";

const bar = (time: number, close: number) => ({ time, open: 1, high: 3, low: 0.5, close, volume: 1 });

describe("MemoryCandleSink", () => {
  it("upserts by time, per symbol and timeframe", async () => {
    const sink = new MemoryCandleSink();
    expect(await sink.lastCandleTime("BTCUSDT.P", "5m")).toBeUndefined();
    await sink.writeCandles("BTCUSDT.P", "5m", [bar(600_000, 2), bar(300_000, 1)]);
    await sink.writeCandles("BTCUSDT.P", "5m", [bar(600_000, 2.5)]);
    await sink.writeCandles("BTCUSDT.P", "15m", [bar(900_000, 1)]);
    expect(sink.candles("BTCUSDT.P", "5m")).toEqual([bar(300_000, 1), bar(600_000, 2.5)]);
    expect(await sink.lastCandleTime("BTCUSDT.P", "5m")).toBe(600_000);
    expect(await sink.lastCandleTime("ETHUSDT.P", "5m")).toBeUndefined();
  });

  it("upserts funding rates by time", async () => {
    const sink = new MemoryCandleSink();
    await sink.writeFundingRates("BTCUSDT.P", [{ time: 2, rate: 0.1 }, { time: 1, rate: 0.2 }]);
    await sink.writeFundingRates("BTCUSDT.P", [{ time: 2, rate: 0.3 }]);
    expect(sink.fundingRates("BTCUSDT.P")).toEqual([{ time: 1, rate: 0.2 }, { time: 2, rate: 0.3 }]);
    expect(await sink.lastFundingTime("BTCUSDT.P")).toBe(2);
  });
});
