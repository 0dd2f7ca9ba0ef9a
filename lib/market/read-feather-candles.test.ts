import { readFileSync } from "node:fs";
import path from "node:path";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { checkedAt } from "./checked-at";
import { ImportFormatError } from "./import-format-error";
import { readFeatherCandles, readFeatherFundingRates } from "./read-feather-candles";
import { validateCandles } from "./validate-candles";
import { validateFundingRates } from "./validate-funding-rates";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "testing", "fixtures", name)));

describe("readFeatherCandles", () => {
  it("reads freqtrade's LZ4-compressed 1h candles of the XRP perpetual", () => {
    const candles = readFeatherCandles(fixture("XRP_USDT_USDT-1h-futures.feather"));
    expect(candles).toHaveLength(100);
    expect(candles[0]).toEqual({ time: Date.parse("2021-11-17T01:00:00Z"), open: 1.0801, high: 1.09758, low: 1.07654, close: 1.07925, volume: 3153694.607359 });
    expect(checkedAt(candles, 99).time).toBe(Date.parse("2021-11-21T04:00:00Z"));
    expect(validateCandles(candles, "1h")).toMatchObject({ ok: true, missingBars: 0 });
  });

  it("refuses a table without the candle columns, and bytes that are not Arrow", () => {
    const table = tableFromArrays({ date: new Float64Array([1, 2]), open: new Float64Array([1, 2]), close: new Float64Array([1, 2]) });
    expect(() => readFeatherCandles(tableToIPC(table, "file"))).toThrow("missing column high (the file has date, open, close)");
    expect(() => readFeatherCandles(new TextEncoder().encode("timestamp,open\n1,2"))).toThrow(ImportFormatError);
    expect(() => readFeatherCandles(new TextEncoder().encode("timestamp,open\n1,2"))).toThrow(/not a readable Feather\/Arrow file/);
  });
});

describe("readFeatherFundingRates", () => {
  it("reads the rate from the open column, keeping the exchange's ms-late stamps", () => {
    const rates = readFeatherFundingRates(fixture("XRP_USDT_USDT-8h-funding_rate.feather"));
    expect(rates).toHaveLength(91);
    expect(rates.slice(0, 2)).toEqual([
      { time: Date.parse("2021-11-18T00:00:00.017Z"), rate: 0.0001 },
      { time: Date.parse("2021-11-18T08:00:00.007Z"), rate: 0.0001 },
    ]);
    expect(Math.min(...rates.map((r) => r.rate))).toBeCloseTo(-0.00219334, 10);
    expect(Math.max(...rates.map((r) => r.rate))).toBeCloseTo(0.00058316, 10);
    expect(validateFundingRates(rates).ok).toBe(true);
    // Every stamp is within a second after an 8-hour boundary.
    expect(rates.every((r) => r.time % (8 * 3_600_000) < 1000)).toBe(true);
  });
});
