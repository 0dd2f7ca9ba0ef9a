import { describe, expect, it } from "vitest";
import { parameterFamilyKey } from "@/lib/analysis/parameter-heatmap";
import { configSchema } from "@/lib/config-schema";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { tuningFamilies } from "./tuning-families";
import { tunedVariant } from "./tuning-variant";

const catalog = discoverHypotheses(configSchema.parse({}));

describe("tuningFamilies", () => {
  const families = tuningFamilies(catalog);

  it("groups the catalog's settings of one template, timeframe and direction, two or more to a family", () => {
    expect(families.length).toBeGreaterThan(5);
    for (const f of families) {
      expect(f.members.length).toBeGreaterThanOrEqual(2);
      for (const h of f.members) {
        expect([h.timeframe, h.direction]).toEqual([f.timeframe, f.direction]);
        expect(parameterFamilyKey({ timeframe: h.timeframe, direction: h.direction, rules: [...h.entryConditions, h.stopLoss, h.target] })).toBe(f.key);
      }
    }
    const oversold = families.find((f) => f.members.some((h) => h.name.startsWith("RSI14_Oversold")));
    expect(oversold?.members.map((h) => h.name).sort()).toEqual(["20", "25", "30", "35"].map((level) => `RSI14_Oversold${level}_5m_Reversal_Long`));
  });

  it("orders families and members the same way whatever the input order", () => {
    expect(tuningFamilies([...catalog].reverse())).toEqual(families);
    for (const f of families) expect(f.members.map((h) => h.id)).toEqual(f.members.map((h) => h.id).sort());
  });

  it("leaves out learned variants and single hypotheses, and counts a repeated id once", () => {
    const [first] = families;
    const variant = tunedVariant(first!.members, first!.members[0]!.id);
    expect(tuningFamilies([...catalog, variant, ...first!.members])).toEqual(families);
    expect(tuningFamilies(first!.members.slice(0, 1))).toEqual([]);
  });
});
