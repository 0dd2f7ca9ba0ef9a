import { describe, expect, it } from "vitest";
import { describeRunRiskScope } from "./run-risk-scope";

const limits = { maxConcurrent: 2, dailyLossLimit: -0.03, maxDrawdown: 0.15 };

describe("describeRunRiskScope", () => {
  it("says a single run applies the per-trade rule only, not the drawdown halt", () => {
    expect(describeRunRiskScope("single", { riskFraction: 0.02, leverage: 1 }, limits)).toBe(
      "Single-hypothesis run: each trade risks 2% of realised equity at its stop (leverage 1×), one position at a time. The account's risk manager does not apply: its limits — at most 2 positions open, entries paused for the UTC day at -3%, a halt at a 15% drawdown (MAX_DRAWDOWN) — act only on the final report's portfolio and on paper/live accounts, so this run's drawdown can exceed 15%.",
    );
  });

  it("says a portfolio run applies the account limits, and falls back to naming the rule without stored sizing", () => {
    const text = describeRunRiskScope("portfolio", null, { ...limits, maxDrawdown: 0.125 });
    expect(text).toBe(
      "Portfolio run: each trade is sized by the per-trade risk rule, and the account's risk manager applies: at most 2 positions open, entries paused for the UTC day at -3%, a halt at a 12.5% drawdown (MAX_DRAWDOWN).",
    );
  });
});
