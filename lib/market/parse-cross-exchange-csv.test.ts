import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportFormatError } from "./import-format-error";
import { parseCrossExchangeCsv } from "./parse-cross-exchange-csv";

// Six days of optimising-funding-rate-arbitrage's all_exchanges.csv, across the clocks going forward in London on
// 2024-03-31 (origin: testing/fixtures/README.md).
const slice = readFileSync(path.join(import.meta.dirname, "testing", "fixtures", "all_exchanges.2024-03-28_to_2024-04-02.csv"), "utf8");
const EIGHT_HOURS = 8 * 3_600_000;
const HEADER = "time,exchange,crypto,pair,contract,open,high,low,close,volume,funding rate";

describe("parseCrossExchangeCsv", () => {
  const markets = parseCrossExchangeCsv(slice, { timeZone: "Europe/London" });

  it("splits the file into its 18 markets, funding on the perpetual rows only", () => {
    expect(markets).toHaveLength(18);
    expect(new Set(markets.map((m) => m.exchange))).toEqual(new Set(["binance", "bybit", "okx"]));
    for (const m of markets) {
      expect(m.candles, `${m.exchange} ${m.pair}`).toHaveLength(18);
      expect(m.funding, `${m.exchange} ${m.pair}`).toHaveLength(m.contract === "perpetual" ? 18 : 0);
    }
    const btc = markets.find((m) => m.exchange === "binance" && m.pair === "BTCUSDT");
    expect(btc?.candles[0]).toEqual({ time: Date.UTC(2024, 2, 28), open: 69532.6, high: 70564, low: 68941, close: 70456.8, volume: 69350.253 });
    expect(btc?.funding[12]).toEqual({ time: Date.UTC(2024, 3, 1), rate: 0.00070161 });
  });

  it("reads the times as London wall clock: every settlement lands on the 00/08/16 UTC grid, 8 hours apart", () => {
    for (const m of markets.filter((x) => x.contract === "perpetual")) {
      expect(m.funding.every((r) => r.time % EIGHT_HOURS === 0), `${m.exchange} ${m.pair}`).toBe(true);
      expect(m.candles.every((c, i) => i === 0 || c.time - (m.candles[i - 1]?.time ?? NaN) === EIGHT_HOURS)).toBe(true);
    }
    const asUtc = parseCrossExchangeCsv(slice).find((m) => m.contract === "perpetual");
    expect(asUtc?.funding.filter((r) => r.time % EIGHT_HOURS !== 0), "read as UTC, the eight summer-time rows fall an hour off").toHaveLength(8);
  });

  it("refuses a bad file with its line and column, and reads nothing from it", () => {
    const row = (time: string, close = "100", rate = "0.0001") => `${time},binance,bitcoin,BTCUSDT,perpetual,100,101,99,${close},5,${rate}`;
    expect(() => parseCrossExchangeCsv(`${HEADER}\n${row("2024-01-01 00:00:00")}\n${row("2024-01-01 08:00:00", "10x")}`)).toThrow('Line 3, column close: "10x" is not a number');
    expect(() => parseCrossExchangeCsv(`${HEADER}\n${row("2024-01-01 08:00:00")}\n${row("2024-01-01 00:00:00")}`)).toThrow(/^Line 3, column time: .*sorted ascending$/);
    expect(() => parseCrossExchangeCsv(`${HEADER}\n${row("2024-01-01 00:00:00", "120")}`)).toThrow("Line 2, column high: low 99 and high 101 do not contain open 100 and close 120");
    expect(() => parseCrossExchangeCsv(`${HEADER}\n${row("2024-03-31 01:30:00")}`, { timeZone: "Europe/London" })).toThrow("Line 2, column time: 2024-03-31 01:30:00 does not exist in Europe/London");
    expect(() => parseCrossExchangeCsv(`${HEADER.replace(",pair", "")}\n`)).toThrow(ImportFormatError);
    expect(() => parseCrossExchangeCsv(`${HEADER.replace(",pair", "")}\n`)).toThrow(/^Line 1: missing column pair/);
    expect(() => parseCrossExchangeCsv(`${HEADER}\n`)).toThrow("The file contains no candles");
    expect(() => parseCrossExchangeCsv(slice, { timeZone: "Europe/Londn" })).toThrow('unknown time zone "Europe/Londn"');
  });

  it("keeps interleaved markets apart: each one's times increase on their own", () => {
    const text = `${HEADER}\n2024-01-01 00:00:00,okx,bitcoin,BTCUSDT,perpetual,1,1,1,1,1,\n2024-01-01 00:00:00,bybit,bitcoin,BTCUSDT,perpetual,2,2,2,2,1,0.0002\n2024-01-01 08:00:00,okx,bitcoin,BTCUSDT,perpetual,1,1,1,1,1,0.0001`;
    const [okx, bybit] = parseCrossExchangeCsv(text);
    expect(okx?.candles.map((c) => c.time)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 8)]);
    expect(okx?.funding, "a blank rate is no settlement").toEqual([{ time: Date.UTC(2024, 0, 1, 8), rate: 0.0001 }]);
    expect(bybit?.funding).toEqual([{ time: Date.UTC(2024, 0, 1), rate: 0.0002 }]);
  });
});
