import { describe, expect, it } from "vitest";
import { fillTypeOf } from "./settle-order";

describe("fillTypeOf", () => {
  it("only Kraken's `maker` pays the maker rate; every other fill type, or none, pays taker", () => {
    expect(fillTypeOf("maker")).toBe("maker");
    for (const type of ["taker", "takerAfterEdit", "liquidation", "assignee", undefined, 7]) expect(fillTypeOf(type), String(type)).toBe("taker");
  });
});
