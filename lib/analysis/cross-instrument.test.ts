import { describe, expect, it } from "vitest";
import { crossInstrumentSummary } from "./cross-instrument";

describe("cross-instrument consistency", () => {
  it("all, some, none", () => {
    expect(crossInstrumentSummary([{ symbol: "BTCUSDT.P", status: "pass" }, { symbol: "ETHUSDT.P", status: "pass" }])).toEqual({
      passes: ["BTCUSDT.P", "ETHUSDT.P"],
      fails: [],
      insufficient: [],
      consistent: "all",
    });
    expect(
      crossInstrumentSummary([
        { symbol: "BTCUSDT.P", status: "pass" },
        { symbol: "ETHUSDT.P", status: "fail" },
        { symbol: "BNBUSDT.P", status: "insufficient_data" },
      ]),
    ).toEqual({ passes: ["BTCUSDT.P"], fails: ["ETHUSDT.P"], insufficient: ["BNBUSDT.P"], consistent: "some" });
    expect(crossInstrumentSummary([{ symbol: "BTCUSDT.P", status: "fail" }]).consistent).toBe("none");
    expect(crossInstrumentSummary([]).consistent).toBe("none");
  });
});
