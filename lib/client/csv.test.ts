import { describe, expect, it } from "vitest";
import { toCsv, type CsvColumn } from "./csv";

interface Row {
  name: string;
  pnl: number | null;
}
const columns: CsvColumn<Row>[] = [
  { header: "name", value: (r) => r.name },
  { header: "net PnL (USDT)", value: (r) => r.pnl },
];

describe("toCsv", () => {
  it("writes a header and one line per row with CRLF ends", () => {
    expect(toCsv(columns, [{ name: "a", pnl: 1.5 }])).toBe("name,net PnL (USDT)\r\na,1.5\r\n");
  });
  it("quotes cells holding commas, quotes or line breaks, doubling the quotes", () => {
    expect(toCsv(columns, [{ name: 'rsi "low", 14', pnl: 0 }])).toBe('name,net PnL (USDT)\r\n"rsi ""low"", 14",0\r\n');
  });
  it("leaves missing and non-finite numbers empty instead of writing null or NaN", () => {
    expect(toCsv(columns, [{ name: "x", pnl: null }, { name: "y", pnl: Number.NaN }])).toBe("name,net PnL (USDT)\r\nx,\r\ny,\r\n");
  });
});
