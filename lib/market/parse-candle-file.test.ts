import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkedAt } from "./checked-at";
import { formatCandlesCsv } from "./format-candles-csv";
import { ImportFormatError } from "./import-format-error";
import { parseCandleFile } from "./parse-candle-file";
import { resampleCandles } from "./resample-candles";
import { validateCandles } from "./validate-candles";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "testing", "fixtures", name), "utf8");

const CSV = [
  "timestamp,open,high,low,close,volume",
  "1700000000000,100,110,90,105,12.5",
  "1700000300000,105,106,101,102,3",
  "1700000600000,102,104,100,103,0",
].join("\n");

/** Catches the ImportFormatError a call throws, failing the test if it throws anything else or nothing. */
function importError(call: () => unknown): ImportFormatError {
  try {
    call();
  } catch (error) {
    if (error instanceof ImportFormatError) return error;
    throw error;
  }
  throw new Error("expected an ImportFormatError");
}

describe("parseCandleFile: real freqtrade data", () => {
  it("reads the XRP perpetual 5m slice (ccxt/freqtrade array shape)", () => {
    const candles = parseCandleFile(fixture("XRP_USDT_USDT-5m-futures.head300.json"), { fileName: "XRP_USDT_USDT-5m-futures.json" });
    expect(candles).toHaveLength(300);
    expect(candles[0]).toEqual({ time: 1636934400000, open: 1.1893, high: 1.1954, low: 1.1891, close: 1.1941, volume: 9289043.5 });
    expect(candles[299]?.time).toBe(Date.parse("2021-11-16T00:55:00Z"));
    expect(validateCandles(candles, "5m")).toMatchObject({ ok: true, gaps: [] });
    const hourly = resampleCandles(candles, "5m", "1h");
    expect(hourly.candles).toHaveLength(25);
    expect(hourly.candles[0]).toMatchObject({ time: 1636934400000, open: 1.1893, high: 1.2165, low: 1.1891, close: 1.2119 });
  });

  it("reads the UNITTEST/BTC 1m slice and finds its gaps", () => {
    const candles = parseCandleFile(fixture("UNITTEST_BTC-1m.head400.json"));
    expect(candles).toHaveLength(400);
    const report = validateCandles(candles, "1m");
    expect(report.ok).toBe(true);
    expect(report.missingBars).toBe(243);
    expect(report.gaps[0]).toEqual({ fromMs: checkedAt(candles, 5).time + 60_000, toMs: checkedAt(candles, 6).time - 60_000, missing: 6 });
    // Every source minute lands in exactly one emitted bucket or in the held-back last one.
    const fives = resampleCandles(candles, "1m", "5m");
    const pendingBars = candles.filter((c) => fives.pendingTime !== null && c.time >= fives.pendingTime).length;
    const missing = fives.incomplete.reduce((sum, b) => sum + b.missing, 0);
    expect(fives.incomplete.length).toBeGreaterThan(50);
    expect(fives.candles.length * 5 - missing + pendingBars).toBe(400);
    const volume = (list: { volume: number }[]) => list.reduce((sum, c) => sum + c.volume, 0);
    expect(volume(fives.candles)).toBeCloseTo(volume(candles.filter((c) => fives.pendingTime === null || c.time < fives.pendingTime)), 6);
  });
});

describe("parseCandleFile: formats", () => {
  const expected = [
    { time: 1700000000000, open: 100, high: 110, low: 90, close: 105, volume: 12.5 },
    { time: 1700000300000, open: 105, high: 106, low: 101, close: 102, volume: 3 },
    { time: 1700000600000, open: 102, high: 104, low: 100, close: 103, volume: 0 },
  ];

  it("reads CSV with timestamp, time or date columns in ms, seconds or ISO 8601", () => {
    expect(parseCandleFile(CSV)).toEqual(expected);
    const seconds = CSV.replace("timestamp", "time").replace(/^(\d{10})000,/gm, "$1,");
    expect(seconds).toContain("\n1700000000,");
    expect(parseCandleFile(seconds, { fileName: "btc.csv" })).toEqual(expected);
    const iso = CSV.replace("timestamp", "date")
      .replace("1700000000000", "2023-11-14T22:13:20Z")
      .replace("1700000300000", "2023-11-14 22:18:20")
      .replace("1700000600000", "2023-11-14T23:23:20+01:00");
    expect(parseCandleFile(iso)).toEqual(expected);
  });

  it("reads CSV with reordered or extra columns, CRLF, quotes and no header", () => {
    const messy = '\uFEFF"date","volume","open","high","low","close","trades"\r\n1700000000000,12.5,100,110,90,105,7\r\n\r\n';
    expect(parseCandleFile(messy)).toEqual(expected.slice(0, 1));
    expect(parseCandleFile(CSV.split("\n").slice(1).join("\n"))).toEqual(expected);
  });

  it("reads JSON arrays of arrays (numbers or quoted numbers) and of objects", () => {
    const arrays = JSON.stringify(expected.map((c) => [c.time, c.open, String(c.high), c.low, c.close, c.volume]));
    expect(parseCandleFile(arrays)).toEqual(expected);
    const objects = JSON.stringify(expected.map(({ time, ...rest }) => ({ timestamp: time, ...rest, symbol: "BTCUSDT.P" })));
    expect(parseCandleFile(objects, { fileName: "export.JSON" })).toEqual(expected);
    const withIso = JSON.stringify(expected.map(({ time, ...rest }) => ({ date: new Date(time).toISOString(), ...rest })));
    expect(parseCandleFile(withIso)).toEqual(expected);
  });

  it("round-trips through formatCandlesCsv exactly", () => {
    const candles = parseCandleFile(fixture("XRP_USDT_USDT-5m-futures.head300.json"));
    const csv = formatCandlesCsv(candles);
    expect(csv.split("\n")[0]).toBe("timestamp,open,high,low,close,volume");
    expect(csv.split("\n")[1]).toBe("1636934400000,1.1893,1.1954,1.1891,1.1941,9289043.5");
    expect(parseCandleFile(csv)).toEqual(candles);
  });
});

describe("parseCandleFile: refusals", () => {
  const rows = (count: number) =>
    Array.from({ length: count }, (_, i) => `${1700000000000 + i * 300_000},100,110,90,105,1`);

  it("names line 7 and column high for a bad number there", () => {
    const lines = ["timestamp,open,high,low,close,volume", ...rows(10)];
    lines[6] = checkedAt(lines, 6).replace(",110,", ",11O,");
    const error = importError(() => parseCandleFile(lines.join("\n")));
    expect(error.message).toBe('Line 7, column high: "11O" is not a number');
    expect(error).toMatchObject({ code: "IMPORT_FORMAT_INVALID", line: 7, column: "high" });
  });

  it("names the 1-based entry and the column in JSON", () => {
    const data = rows(8).map((r) => r.split(",").map(Number));
    const text = JSON.stringify(data).replace(/(\[1700000000000(?:[^\]]*\]){6}[^\]]*?),110,/, "$1,1e999,");
    expect(text).toContain("1e999");
    expect(() => parseCandleFile(text)).toThrow("Entry 7, column high: Infinity is not a finite number");
    const objects = JSON.stringify([{ time: 1700000000000, open: 1, high: 2, low: 0.5, close: 1 }]);
    expect(() => parseCandleFile(objects)).toThrow("Entry 1: missing the volume field");
  });

  it("refuses a missing column, short rows and non-finite values", () => {
    expect(() => parseCandleFile("timestamp,open,high,low,close\n1700000000000,1,2,0.5,1")).toThrow(
      'Line 1: missing column volume in header "timestamp,open,high,low,close"',
    );
    expect(() => parseCandleFile("ts,open,high,low,close,volume\n1,1,1,1,1,1")).toThrow(/Line 1: missing column timestamp/);
    expect(() => parseCandleFile(`timestamp,open,high,low,close,volume\n${rows(2).join("\n")}\n1700000600000,1,2`)).toThrow(
      "Line 4: expected at least 6 columns, found 3",
    );
    expect(() => parseCandleFile(`timestamp,open,high,low,close,volume\n1700000000000,1,2,0.5,NaN,1`)).toThrow(
      "Line 2, column close: NaN is not a finite number",
    );
    expect(() => parseCandleFile(`timestamp,open,high,low,close,volume\n1700000000000,1,2,0.5,1,`)).toThrow(
      "Line 2, column volume: value is missing",
    );
    expect(() => parseCandleFile(`timestamp,open,high,low,close,volume\nyesterday,1,2,0.5,1,1`)).toThrow(
      'Line 2, column timestamp: "yesterday" is not a timestamp (epoch ms, epoch seconds or ISO 8601)',
    );
  });

  it("refuses unsorted and duplicate times", () => {
    const lines = ["timestamp,open,high,low,close,volume", ...rows(5)];
    [lines[3], lines[4]] = [checkedAt(lines, 4), checkedAt(lines, 3)];
    expect(() => parseCandleFile(lines.join("\n"))).toThrow(
      /^Line 5, column timestamp: time 2023-11-14T22:23:20.000Z is before the row before \(2023-11-14T22:28:20.000Z\); times must be sorted ascending$/,
    );
    const duplicated = JSON.stringify([[1700000000000, 1, 1, 1, 1, 1], [1700000000000, 1, 1, 1, 1, 1]]);
    expect(() => parseCandleFile(duplicated)).toThrow("Entry 2, column timestamp: time 2023-11-14T22:13:20.000Z repeats the row before");
  });

  it("refuses broken JSON, non-arrays and empty files", () => {
    expect(() => parseCandleFile('[[1700000000000, 1, 1, 1, 1, 1],\n[1700000300000, 1, 1, 1, NaN, 1]]')).toThrow(/not valid JSON \(Unexpected token/);
    expect(() => parseCandleFile('{"candles": []}')).toThrow("expected a JSON array at the top level");
    expect(() => parseCandleFile("[]")).toThrow("The file contains no candles");
    expect(() => parseCandleFile("timestamp,open,high,low,close,volume\n")).toThrow("The file contains no candles");
    expect(() => parseCandleFile("[[1700000000000, 1, 1, 1, 1]]")).toThrow("Entry 1: expected [timestamp, open, high, low, close, volume], found 5 values");
  });
});
