import { describe, expect, it } from "vitest";
import { wallClockFields, wallClockToEpochMs } from "./wall-clock-time";

const inZone = (text: string, zone: string) => {
  const fields = wallClockFields(text);
  if (fields === null) throw new Error(`not a wall-clock time: ${text}`);
  const instant = wallClockToEpochMs(fields, zone);
  return instant === null ? null : new Date(instant).toISOString();
};

describe("wall-clock times in a zone", () => {
  it("reads London winter time as UTC and summer time one hour ahead of it", () => {
    expect(inZone("2024-01-15 08:00:00", "Europe/London")).toBe("2024-01-15T08:00:00.000Z");
    expect(inZone("2024-07-01 01:00:00", "Europe/London")).toBe("2024-07-01T00:00:00.000Z");
    expect(inZone("2024-03-31 09:00", "Europe/London"), "the first settlement after the clocks went forward").toBe("2024-03-31T08:00:00.000Z");
    expect(inZone("2024-01-15T08:00:00", "Asia/Tokyo")).toBe("2024-01-14T23:00:00.000Z");
    expect(inZone("2024-01-15 08:00:00", "UTC")).toBe("2024-01-15T08:00:00.000Z");
  });

  it("takes the first pass of the repeated hour, and refuses the skipped one", () => {
    expect(inZone("2023-10-29 01:00:00", "Europe/London"), "01:00 BST, Binance's 00:00 UTC settlement").toBe("2023-10-29T00:00:00.000Z");
    expect(inZone("2023-10-29 02:00:00", "Europe/London")).toBe("2023-10-29T02:00:00.000Z");
    expect(inZone("2024-03-31 01:30:00", "Europe/London")).toBeNull();
  });

  it("accepts only real zone-less date-times, and names an unknown zone", () => {
    expect(wallClockFields("2023-02-30 00:00:00")).toBeNull();
    expect(wallClockFields("2023-01-01 24:00:00")).toBeNull();
    expect(wallClockFields("2023-01-01T00:00:00Z")).toBeNull();
    expect(wallClockFields("1672531200000")).toBeNull();
    expect(() => wallClockToEpochMs(0, "Mars/Olympus")).toThrow('unknown time zone "Mars/Olympus"');
  });
});
