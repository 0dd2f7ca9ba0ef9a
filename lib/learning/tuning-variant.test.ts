import { describe, expect, it } from "vitest";
import { hypothesisSchema } from "@/lib/signals/hypothesis";
import { tunedVariant } from "./tuning-variant";
import { tuningHypothesis } from "./testing/tuning-members";

const family = [tuningHypothesis("h_5m_bbbbbbbb", 25), tuningHypothesis("h_5m_aaaaaaaa", 20), tuningHypothesis("h_5m_cccccccc", 30)];

describe("tunedVariant", () => {
  it("trades the chosen member's rules and exits, and says which family it tunes", () => {
    const variant = tunedVariant(family, "h_5m_bbbbbbbb");
    expect(variant.entryConditions).toEqual(["RSI(14) < 25", "Close > Open"]);
    expect([variant.stopLoss, variant.target, variant.timeframe, variant.direction]).toEqual(["1.5 ATR below entry", "1.5R", "5m", "long"]);
    expect(variant.learned).toEqual({ kind: "tuned", familyIds: ["h_5m_aaaaaaaa", "h_5m_bbbbbbbb", "h_5m_cccccccc"], chosenId: "h_5m_bbbbbbbb" });
    expect(variant.name).toBe("RSI14_Oversold_5m_Reversal_Long_TUNED");
    expect(variant.description).toContain("RSI14_Oversold25_5m_Reversal_Long");
    expect(hypothesisSchema.parse(variant)).toEqual(variant);
  });

  it("keeps one id for the family whatever the choice and the member order", () => {
    const a = tunedVariant(family, "h_5m_aaaaaaaa");
    const c = tunedVariant([...family].reverse(), "h_5m_cccccccc");
    expect(a.id).toMatch(/^tuned_5m_[0-9a-f]{8}$/);
    expect(c.id).toBe(a.id);
    expect(tunedVariant(family.slice(0, 2), "h_5m_aaaaaaaa").id).not.toBe(a.id);
  });

  it("refuses what is not a family to tune, naming the field", () => {
    expect(() => tunedVariant(family, "h_5m_zzzzzzzz")).toThrow(/chosenId: h_5m_zzzzzzzz is not a member/);
    expect(() => tunedVariant(family.slice(0, 1), "h_5m_bbbbbbbb")).toThrow(/family: a tuned variant needs at least two members/);
    expect(() => tunedVariant([...family, { ...tuningHypothesis("h_15m_x", 20), timeframe: "15m" }], "h_5m_aaaaaaaa")).toThrow(/family: h_15m_x is 15m long/);
    const variant = tunedVariant(family, "h_5m_aaaaaaaa");
    expect(() => tunedVariant([...family, variant], "h_5m_aaaaaaaa")).toThrow(/is itself a learned variant/);
  });
});
