import { describe, expect, it } from "vitest";
import { compareTimeframes } from "./timeframe";

describe("compareTimeframes", () => {
  it("orders trading timeframes by bar length, not as text", () => {
    expect(["30m", "15m", "5m", "2m"].sort(compareTimeframes)).toEqual(["2m", "5m", "15m", "30m"]);
    expect(["1h", "1d", "30m", "1w", "1m"].sort(compareTimeframes)).toEqual(["1m", "30m", "1h", "1d", "1w"]);
  });
  it("puts names that are not timeframes last, by their text", () => {
    expect(["zz", "5m", "aa"].sort(compareTimeframes)).toEqual(["5m", "aa", "zz"]);
  });
});
