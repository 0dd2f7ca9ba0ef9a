import { describe, expect, it } from "vitest";
import { describeRiskRewardShortfall, isRunBelowMinRiskReward, riskRewardReport } from "./risk-reward-report";

/** A long opened at 100: stop distance 1, target distance `reward`. */
const trade = (reward: number) => ({ entryPrice: 100, stop: 99, target: 100 + reward });

describe("riskRewardReport", () => {
  it("measures each trade when the rules fix no reward:risk (ATR stop, pips target)", () => {
    const report = riskRewardReport(null, 1.3, false, [trade(2), trade(1.2), trade(1.3), trade(0.3)]);
    expect(report, "1.2R and 0.3R are below 1.3R; 1.3R itself is not").toEqual({ minimum: 1.3, planned: null, allowedBelowMinimum: false, tradesBelowMinimum: 2 });
    expect(isRunBelowMinRiskReward(report)).toBe(true);
    expect(describeRiskRewardShortfall(report, "15m", 4)).toBe("2 of 4 trades below the 15m minimum 1.3R (each entry's price and ATR set it)");
    expect(isRunBelowMinRiskReward(riskRewardReport(null, 1.3, false, [trade(2)])), "no trade below: no mark").toBe(false);
  });

  it("marks a run whose rules are below the minimum, saying it was allowed explicitly", () => {
    const report = riskRewardReport(0.6, 1.3, true, [trade(0.6)]);
    expect(isRunBelowMinRiskReward(report)).toBe(true);
    expect(describeRiskRewardShortfall(report, "15m", 1)).toBe("planned 0.6R, below the 15m minimum 1.3R (allowed explicitly)");
    expect(isRunBelowMinRiskReward(riskRewardReport(1.5, 1.5, false, [trade(1.5)])), "at the minimum is not below it").toBe(false);
  });
});
