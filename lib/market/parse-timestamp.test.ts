import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./parse-timestamp";

describe("parseTimestamp", () => {
  it("tells epoch seconds from epoch ms by magnitude", () => {
    expect(parseTimestamp(1_700_000_000)).toBe(1_700_000_000_000);
    expect(parseTimestamp("1700000000.5")).toBe(1_700_000_000_500);
    expect(parseTimestamp(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(parseTimestamp("99999999999")).toBe(99_999_999_999_000); // just below the limit: still seconds
    expect(parseTimestamp("100000000000")).toBe(100_000_000_000);
  });

  it("reads ISO 8601, taking zone-less date-times as UTC", () => {
    expect(parseTimestamp("2024-01-02T03:04:05Z")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseTimestamp("2024-01-02 03:04:05")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseTimestamp("2024-01-02 03:04:05+00:00")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseTimestamp("2024-01-02T05:04:05.250+02:00")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 250));
    expect(parseTimestamp("2024-01-02")).toBe(Date.UTC(2024, 0, 2));
  });

  it("returns null for anything else", () => {
    for (const bad of ["", "yesterday", "2024-13-45T00:00:00Z", "1.7e12x", -5, Number.NaN, "1700000000000.5", null, {}]) {
      expect(parseTimestamp(bad)).toBeNull();
    }
  });
});
