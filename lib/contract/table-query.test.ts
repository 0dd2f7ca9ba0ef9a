import { describe, expect, it } from "vitest";
import { matchesTableQuery, pageOf, parseTableQuery, tableSearch } from "./table-query";

describe("table query", () => {
  it("reads filters and page from search params, and a malformed value as no filter", () => {
    expect(parseTableQuery(new URLSearchParams("q=rsi&tf=5m&symbol=BTCUSDT.P&verdict=fail&page=3"))).toEqual({ q: "rsi", tf: "5m", symbol: "BTCUSDT.P", verdict: "fail", page: 3 });
    expect(parseTableQuery({ verdict: "maybe", page: "1e9", q: "x".repeat(500) }), "unknown verdict, page past the bound and an overlong search are dropped").toEqual({ q: "", tf: "", symbol: "", verdict: "", page: 1 });
    expect(parseTableQuery({ page: ["2", "5"] }).page, "a repeated key keeps its first value").toBe(2);
  });

  it("writes only what differs from the defaults, and a changed filter returns to page 1", () => {
    const current = new URLSearchParams("tf=5m&page=4&job=abc");
    expect(tableSearch(current, { page: 5 }), "other params stay").toBe("?tf=5m&page=5&job=abc");
    expect(tableSearch(current, { symbol: "ETHUSDT.P" }), "a new filter starts at page 1").toBe("?tf=5m&job=abc&symbol=ETHUSDT.P");
    expect(tableSearch({ tf: "5m" }, { tf: "" })).toBe("");
  });

  it("keeps each table's page under its own key, and resets them all on a new filter", () => {
    const current = new URLSearchParams("page_a=2&page_b=3");
    expect(parseTableQuery(current, "page_b").page).toBe(3);
    expect(tableSearch(current, { page: 4 }, "page_a")).toBe("?page_a=4&page_b=3");
    expect(tableSearch(current, { q: "rsi" }, "page_a")).toBe("?q=rsi");
  });

  it("matches the search in any case and the other filters exactly", () => {
    const row = { name: "RSI14_Oversold30_5m", timeframe: "5m", symbol: "BTCUSDT.P", verdict: "fail" };
    const q = parseTableQuery({});
    expect(matchesTableQuery(row, { ...q, q: "oversold" })).toBe(true);
    expect(matchesTableQuery(row, { ...q, tf: "15m" })).toBe(false);
    expect(matchesTableQuery(row, { ...q, verdict: "pass" })).toBe(false);
    expect(matchesTableQuery(row, { ...q, symbol: "BTCUSDT.P", verdict: "fail" })).toBe(true);
  });

  it("pages rows, showing the last page for a page past it", () => {
    const rows = Array.from({ length: 60 }, (_, i) => i);
    expect(pageOf(rows, 1)).toMatchObject({ page: 1, pages: 3, rows: rows.slice(0, 25) });
    expect(pageOf(rows, 9)).toMatchObject({ page: 3, rows: rows.slice(50) });
    expect(pageOf([], 2)).toEqual({ page: 1, pages: 1, rows: [] });
  });
});
