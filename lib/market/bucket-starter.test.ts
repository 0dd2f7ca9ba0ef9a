import { describe, expect, it } from "vitest";
import { TIMEFRAMES, bucketStart, bucketStarter } from "./timeframe";

describe("bucketStarter", () => {
  it("agrees with bucketStart on every timeframe, including Monday-aligned weeks", () => {
    const times = [0, 59_999, Date.UTC(2024, 0, 1, 13, 37, 12), Date.UTC(2024, 0, 7, 23, 59), Date.UTC(2024, 0, 8)];
    for (const tf of TIMEFRAMES) {
      const start = bucketStarter(tf);
      for (const t of times) expect(start(t)).toBe(bucketStart(t, tf));
    }
    expect(bucketStarter("1w")(Date.UTC(2024, 0, 7, 23, 59))).toBe(Date.UTC(2024, 0, 1)); // a Monday
  });
});
