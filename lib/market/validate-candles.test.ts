import { describe, expect, it } from "vitest";
import type { Candle } from "./candle";
import { parseCandleFileWithOrigins } from "./parse-candle-file";
import { toCandleSeries } from "./series";
import { CandleValidationError, assertValidCandleSeries, assertValidCandles, validateCandles } from "./validate-candles";

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 1);

function bars(count: number, step = 5 * MIN): Candle[] {
  return Array.from({ length: count }, (_, i) => ({ time: T0 + i * step, open: 10, high: 12, low: 9, close: 11, volume: 5 }));
}

function withRow(candles: Candle[], row: number, patch: Partial<Candle>): Candle[] {
  return candles.map((c, i) => (i === row ? { ...c, ...patch } : c));
}

describe("validateCandles", () => {
  it("accepts clean data", () => {
    const report = validateCandles(bars(50), "5m");
    expect(report).toMatchObject({ ok: true, rows: 50, issueCount: 0, gaps: [], missingBars: 0 });
  });

  it.each([
    [{ low: 13 }, "low-above-high", /low 13 is above high 12/],
    [{ low: 10.5 }, "low-above-body", /low 10.5 is above open 10/],
    [{ high: 10.5 }, "high-below-body", /high 10.5 is below close 11/],
    [{ volume: -1 }, "negative-volume", /volume -1 is negative/],
    [{ close: Number.NaN }, "non-finite", /close is NaN/],
    [{ high: Number.POSITIVE_INFINITY }, "non-finite", /high is Infinity/],
    [{ time: T0 + 3 * 5 * MIN + 1000 }, "misaligned-time", /not on the 5m grid/],
  ] as const)("reports %o as %s with its position and time", (patch, code, message) => {
    const report = validateCandles(withRow(bars(6), 3, patch), "5m");
    expect(report.ok).toBe(false);
    expect(report.issues[0]).toMatchObject({ row: 3, code });
    expect(report.issues[0]?.message, "counted from 1 when the candles come from no file").toMatch(/^Candle 4 \(/);
    expect(report.issues[0]?.message).toMatch(message);
  });

  it("reports duplicate and backwards times", () => {
    const candles = bars(6);
    const duplicated = withRow(candles, 2, { time: candles[1]?.time ?? 0 });
    expect(validateCandles(duplicated, "5m").issues.map((i) => [i.row, i.code])).toEqual([[2, "duplicate-time"]]);
    const backwards = withRow(candles, 4, { time: T0 });
    expect(validateCandles(backwards, "5m").issues.map((i) => [i.row, i.code])).toEqual([[4, "time-not-increasing"]]);
  });

  it("lists gaps as ranges of missing bar open times without calling them errors", () => {
    const candles = bars(20).filter((_, i) => ![3, 4, 5, 10].includes(i));
    const report = validateCandles(candles, "5m");
    expect(report.ok).toBe(true);
    expect(report.gaps).toEqual([
      { fromMs: T0 + 3 * 5 * MIN, toMs: T0 + 5 * 5 * MIN, missing: 3 },
      { fromMs: T0 + 10 * 5 * MIN, toMs: T0 + 10 * 5 * MIN, missing: 1 },
    ]);
    expect(report.missingBars).toBe(4);
  });

  it("caps the listed issues but counts them all", () => {
    const broken = bars(100).map((c) => ({ ...c, volume: -1 }));
    const report = validateCandles(broken, "5m", { maxIssues: 10 });
    expect(report.issues).toHaveLength(10);
    expect(report.issueCount).toBe(100);
  });
});

describe("assertValidCandles", () => {
  it("throws a CandleValidationError naming the first bad row and reason", () => {
    const candles = withRow(withRow(bars(10), 7, { high: 10.5 }), 8, { volume: -3 });
    expect(() => assertValidCandles(candles, "5m")).toThrow(CandleValidationError);
    expect(() => assertValidCandles(candles, "5m")).toThrow(/^Invalid 5m candles: Candle 8 \(2024-03-01T00:35:00.000Z\): high 10.5 is below close 11 \(and 1 more problem\)$/);
    try {
      assertValidCandles(candles, "5m");
    } catch (error) {
      expect(error).toBeInstanceOf(CandleValidationError);
      expect((error as CandleValidationError).code).toBe("CANDLES_INVALID");
      expect((error as CandleValidationError).report.issueCount).toBe(2);
    }
  });

  it("passes data with gaps, and checks series too", () => {
    expect(() => assertValidCandles(bars(10).slice(5).concat(bars(3)).sort((a, b) => a.time - b.time), "5m")).not.toThrow();
    const series = toCandleSeries("X", "5m", withRow(bars(4), 1, { low: 100 }));
    expect(() => assertValidCandleSeries(series)).toThrow(/Candle 2 .*low 100 is above high 12/);
  });
});

describe("validation of a parsed file names the file line", () => {
  it("counts the header and blank lines, as an editor does", () => {
    const text = ["timestamp,open,high,low,close,volume", "", `${T0},10,12,9,11,5`, `${T0 + 5 * MIN},10,12,9,11,5`, "", `${T0 + 10 * MIN},10,10.5,9,11,5`].join("\n");
    const { candles, origins } = parseCandleFileWithOrigins(text);
    expect(() => assertValidCandles(candles, "5m", origins)).toThrow("Invalid 5m candles: Line 6 (2024-03-01T00:10:00.000Z): high 10.5 is below close 11");
  });

  it("names the 1-based entry of a JSON file", () => {
    const { candles, origins } = parseCandleFileWithOrigins(JSON.stringify([[T0, 10, 12, 9, 11, 5], [T0 + 5 * MIN, 10, 12, 13, 11, 5]]));
    expect(() => assertValidCandleSeries(toCandleSeries("X", "5m", candles), origins)).toThrow(/^Invalid 5m candles: Entry 2 \(2024-03-01T00:05:00.000Z\): low 13 is above high 12/);
  });
});
