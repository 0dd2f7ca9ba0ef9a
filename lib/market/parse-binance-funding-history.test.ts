import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBinanceFundingHistory } from "./parse-binance-funding-history";

// Two windows of Binance's BTCUSDT funding history export, newest first: 2024-03-30 → 04-01 (the clocks go forward in
// London on 03-31) and 2023-10-27 → 10-30 (they go back on 10-29). Origin: testing/fixtures/README.md.
const slice = readFileSync(path.join(import.meta.dirname, "testing", "fixtures", "binance-BTCUSDT-funding-rate-history.two-windows.csv"), "utf8");
const HEADER = '"Time","Contracts","Funding Interval","Funding Rate"';

describe("parseBinanceFundingHistory", () => {
  const rates = parseBinanceFundingHistory(slice, { timeZone: "Europe/London" });

  it("reads the export oldest first, percentages as fractions, London times as UTC settlements", () => {
    expect(rates).toHaveLength(21);
    expect(rates[0]).toEqual({ time: Date.UTC(2023, 9, 27), rate: 0.0001 });
    expect(rates.find((r) => r.time === Date.UTC(2024, 3, 1))?.rate, '"0.070161%"').toBe(0.00070161);
    expect(rates.every((r) => r.time % (8 * 3_600_000) === 0), "00:00, 08:00 and 16:00 UTC across both changes of clocks").toBe(true);
    expect(rates.map((r) => r.time).filter((t) => t >= Date.UTC(2023, 9, 28, 16) && t <= Date.UTC(2023, 9, 29, 8))).toEqual([
      Date.UTC(2023, 9, 28, 16),
      Date.UTC(2023, 9, 29, 0),
      Date.UTC(2023, 9, 29, 8),
    ]);
  });

  it("refuses a line out of order or a bad rate, naming the line", () => {
    expect(() => parseBinanceFundingHistory(`${HEADER}\n"2024-01-01 00:00:00","X","8h","0.01%"\n"2024-01-01 08:00:00","X","8h","0.01%"`)).toThrow(/^Line 3, column Time: .*newest first$/);
    expect(() => parseBinanceFundingHistory(`${HEADER}\n"2024-01-01 00:00:00","X","8h","0.01%%"`)).toThrow('Line 2, column Funding Rate: "0.01%" is not a number');
    expect(() => parseBinanceFundingHistory('"Time","Rate"\n')).toThrow("Line 1: missing column Funding Rate");
    expect(() => parseBinanceFundingHistory(`${HEADER}\n`)).toThrow("The file contains no funding rates");
  });
});
