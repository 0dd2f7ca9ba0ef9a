import { describe, expect, it } from "vitest";
import { formatFundingCsv } from "./format-funding-csv";
import { parseFundingFile } from "./parse-funding-file";

const H8 = 8 * 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const expected = [
  { time: T0, rate: 0.0001 },
  { time: T0 + H8, rate: -0.00025 },
  { time: T0 + 2 * H8, rate: 0.000375 },
];

describe("parseFundingFile", () => {
  it.each(["rate", "fundingRate", "funding_rate"])("reads CSV with a %s column", (column) => {
    const csv = `timestamp,${column}\n${expected.map((r) => `${r.time},${r.rate}`).join("\n")}\n`;
    expect(parseFundingFile(csv)).toEqual(expected);
  });

  it("reads CSV in seconds or ISO, with reordered columns, or without a header", () => {
    const csv = `symbol,fundingRate,fundingTime\n${expected.map((r) => `BTCUSDT,${r.rate},${r.time / 1000}`).join("\n")}`;
    expect(parseFundingFile(csv, { fileName: "funding.csv" })).toEqual(expected);
    const iso = expected.map((r) => `${new Date(r.time).toISOString()},${r.rate}`).join("\n");
    expect(parseFundingFile(iso)).toEqual(expected);
  });

  it("reads JSON arrays of [ms, rate] and ccxt-style objects", () => {
    expect(parseFundingFile(JSON.stringify(expected.map((r) => [r.time, r.rate])))).toEqual(expected);
    const ccxt = expected.map((r) => ({
      info: {},
      symbol: "BTC/USDT:USDT",
      fundingRate: r.rate,
      timestamp: r.time,
      datetime: new Date(r.time).toISOString(),
    }));
    expect(parseFundingFile(JSON.stringify(ccxt))).toEqual(expected);
    expect(parseFundingFile(JSON.stringify(expected), { fileName: "x.json" })).toEqual(expected);
  });

  it("round-trips through formatFundingCsv", () => {
    const csv = formatFundingCsv(expected);
    expect(csv).toBe(`timestamp,rate\n${T0},0.0001\n${T0 + H8},-0.00025\n${T0 + 2 * H8},0.000375\n`);
    expect(parseFundingFile(csv)).toEqual(expected);
  });

  it("refuses bad values, missing columns, unsorted times and empty files, naming where", () => {
    expect(() => parseFundingFile(`timestamp,rate\n${T0},0.0001\n${T0 + H8},0.01%`)).toThrow('Line 3, column rate: "0.01%" is not a number');
    expect(() => parseFundingFile(`timestamp,premium\n${T0},0.0001`)).toThrow(/^Line 1: missing column rate \(or fundingRate, funding_rate\)/);
    expect(() => parseFundingFile(`timestamp,rate\n${T0 + H8},0.0001\n${T0},0.0001`)).toThrow(/^Line 3, column timestamp: .*times must be sorted ascending$/);
    expect(() => parseFundingFile(JSON.stringify([[T0, 0.0001], [T0 + H8, null]]))).toThrow("Entry 2, column rate: value is missing");
    expect(() => parseFundingFile(`[{"time": ${T0}, "rate": 1e400}]`)).toThrow("Entry 1, column rate: Infinity is not a finite number");
    expect(() => parseFundingFile(JSON.stringify([{ time: T0 }]))).toThrow("Entry 1: missing the rate field (one of rate, fundingRate, funding_rate)");
    expect(() => parseFundingFile("timestamp,rate\n")).toThrow("The file contains no funding rates");
  });
});
