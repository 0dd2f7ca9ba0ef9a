import { describe, expect, it } from "vitest";
import { compareQuerySchema, comparePath } from "./backtests";

const ids = ["0b7f1c52-3f44-4c1a-9d8e-0a1b2c3d4e5f", "1b7f1c52-3f44-4c1a-9d8e-0a1b2c3d4e5f", "2b7f1c52-3f44-4c1a-9d8e-0a1b2c3d4e5f"];

describe("compareQuerySchema", () => {
  it("reads the runs list in order, and the older a/b pair", () => {
    expect(compareQuerySchema.parse({ runs: ids.join(",") })).toEqual(ids);
    expect(compareQuerySchema.parse({ a: ids[1], b: ids[0] })).toEqual([ids[1], ids[0]]);
    expect(comparePath(ids)).toBe(`/backtests/compare?runs=${ids.join(",")}`);
  });

  it("refuses fewer than two distinct runs, more than six, and anything not a run id", () => {
    expect(compareQuerySchema.safeParse({ runs: `${ids[0]},${ids[0]}` }).success, "a run compared with itself").toBe(false);
    const seven = Array.from({ length: 7 }, (_, i) => ids[0]?.replace(/^0/, String(i)));
    expect(compareQuerySchema.safeParse({ runs: seven.join(",") }).success).toBe(false);
    expect(compareQuerySchema.safeParse({ runs: `${ids[0]},nope` }).success).toBe(false);
    expect(compareQuerySchema.safeParse({}).success).toBe(false);
  });
});
