import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { buildCustomHypothesis, customHypothesisSchema, draftRuleIssues } from "./custom-hypothesis";

const config = configSchema.parse({});
const tight = customHypothesisSchema.parse({
  name: "Tight scalp",
  timeframe: "15m",
  direction: "long",
  description: "A small target under a wide stop",
  entryConditions: ["RSI(14) < 30"],
  stopLoss: "0.5%",
  target: "+30 pips",
  typicalHoldMinutes: [30, 120],
  expectedAccuracy: 0.6,
  signalType: "mean_reversion",
  regimeBest: "ranging",
});
const SHORTFALL = "+30 pips over stop 0.5% is 0.6R on 15m: below the minimum 1.3R for 15m";

describe("custom hypothesis: minimum reward:risk", () => {
  it("refuses exits below the timeframe's minimum, naming the numbers", () => {
    expect(buildCustomHypothesis(tight, config)).toEqual({ issues: [{ field: "target", code: "below_min_risk_reward", message: SHORTFALL }] });
  });

  it("saves them when the user says so, and keeps the flag on the hypothesis", () => {
    const built = buildCustomHypothesis({ ...tight, allowBelowMinRiskReward: true }, config);
    expect("hypothesis" in built && built.hypothesis.allowBelowMinRiskReward).toBe(true);
    const ordinary = buildCustomHypothesis({ ...tight, target: "2R" }, config);
    expect("hypothesis" in ordinary && "allowBelowMinRiskReward" in ordinary.hypothesis, "not stored when not set").toBe(false);
  });

  it("reports the shortfall while typing once the timeframe is known", () => {
    const draft = { direction: "long" as const, entryConditions: ["RSI(14) < 30"], stopLoss: "0.5%", target: "+30 pips" };
    expect(draftRuleIssues({ ...draft, timeframe: "15m" }, config).map((i) => i.message)).toEqual([SHORTFALL]);
    expect(draftRuleIssues(draft, config)).toEqual([]);
    expect(draftRuleIssues({ ...draft, timeframe: "15m", target: "+30 pi" }, config).map((i) => i.field), "an unparsable target is reported as such, not as a shortfall").toEqual(["target"]);
  });
});
