import { describe, expect, it } from "vitest";
import { errorMessage } from "@/lib/error-message";
import { MalformedPageError, type FetchTarget } from "./errors";
import { parseCandlePage, parseFundingPage } from "./validate-page";

const TARGET: FetchTarget = { exchange: "krakenfutures", what: "candles", symbol: "BTCUSDT.P", timeframe: "5m", sinceMs: 0 };
const T = Date.UTC(2024, 0, 1);

function problem(rows: unknown): string {
  try {
    parseCandlePage(rows, TARGET, "5m");
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedPageError);
    return errorMessage(error);
  }
  throw new Error("expected the page to be rejected");
}

describe("parseCandlePage", () => {
  it("turns ccxt rows into candles", () => {
    expect(parseCandlePage([[T, 1, 2, 0.5, 1.5, 10]], TARGET, "5m")).toEqual([{ time: T, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }]);
  });

  it("names the offending row", () => {
    const good = [T, 1, 2, 0.5, 1.5, 10];
    expect(problem([good, [T + 300_000, 1, 2, 0.5, Number.NaN, 10]])).toMatch(/^Malformed BTCUSDT\.P 5m candles from krakenfutures since 1970-01-01T00:00:00\.000Z: row 1 \(.*\) close:/);
    expect(problem([good, [T + 300_000, 1, 2, 0.5, undefined, 10]])).toContain("row 1");
    expect(problem([[T, 1, 0.9, 0.5, 1.5, 10]])).toContain("row 0 ([1704067200000,1,0.9,0.5,1.5,10]) has low/high outside open/close");
    expect(problem([good, good])).toContain("row 1 ([1704067200000,1,2,0.5,1.5,10]) is not after the previous row");
    expect(problem([[T + 1000, 1, 2, 0.5, 1.5, 10]])).toContain("is not aligned on 5m");
    expect(problem([[T, 1, 2, 0.5, 1.5, -1]])).toContain("volume");
    expect(problem([[T, 1, 2]])).toContain("is not a 6-field OHLCV row");
    expect(problem("<html>")).toContain("page is not a list");
  });
});

describe("parseFundingPage", () => {
  it("keeps time and rate, sorted and de-duplicated", () => {
    const rows = [
      { timestamp: T + 3_600_000, fundingRate: 0.0002, info: {} },
      { timestamp: T, fundingRate: 0.0001, info: {} },
      { timestamp: T, fundingRate: 0.0001, info: {} },
    ];
    expect(parseFundingPage(rows, TARGET)).toEqual([{ time: T, rate: 0.0001 }, { time: T + 3_600_000, rate: 0.0002 }]);
  });

  it("rejects a rate ccxt could not parse", () => {
    expect(() => parseFundingPage([{ timestamp: T, fundingRate: undefined }], TARGET)).toThrow(/row 0 .*rate/);
  });
});
