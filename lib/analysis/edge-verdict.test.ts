import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { judgeEdge, type VerdictMetrics } from "./edge-verdict";

const THRESHOLDS = configSchema.parse({}).edgeThresholds;
const GOOD: VerdictMetrics = { trades: 40, winRate: 0.6, profitFactor: 1.8, profitFactorUnbounded: false, sharpe: 1.5 };

describe("judgeEdge", () => {
  it("passes when every threshold is met (inclusive)", () => {
    const v = judgeEdge(GOOD, "5m", THRESHOLDS);
    expect(v.status).toBe("pass");
    expect(v.reasons).toEqual([]);
    expect(v.checks.map((c) => [c.name, c.value, c.required, c.pass])).toEqual([
      ["trades", 40, 30, true],
      ["winRate", 0.6, 0.55, true],
      ["profitFactor", 1.8, 1.5, true],
      ["sharpe", 1.5, 1, true],
    ]);
    expect(judgeEdge({ trades: 30, winRate: 0.55, profitFactor: 1.5, profitFactorUnbounded: false, sharpe: 1 }, "5m", THRESHOLDS).status, "equal to the bar passes").toBe("pass");
  });

  it("fails with one reason per failed threshold, measured vs required", () => {
    const v = judgeEdge({ trades: 50, winRate: 0.482, profitFactor: 1.21, profitFactorUnbounded: false, sharpe: 0.4 }, "15m", THRESHOLDS);
    expect(v.status).toBe("fail");
    expect(v.reasons).toEqual(["win rate 48.2% < 55%", "profit factor 1.21 < 1.4 (15m)", "Sharpe 0.4 < 1"]);
  });

  it("uses the timeframe's profit-factor bar: 1.8 passes on 5m, fails on 2m", () => {
    expect(judgeEdge(GOOD, "2m", THRESHOLDS).reasons).toEqual(["profit factor 1.8 < 2 (2m)"]);
  });

  it("fewer trades than the minimum is insufficient_data, never pass", () => {
    const v = judgeEdge({ ...GOOD, trades: 29 }, "5m", THRESHOLDS);
    expect(v.status).toBe("insufficient_data");
    expect(v.reasons).toEqual(["trades 29 < 30 minimum"]);
    expect(judgeEdge({ ...GOOD, trades: 12, winRate: 0.3 }, "5m", THRESHOLDS).status, "even when other checks fail").toBe("insufficient_data");
  });

  it("an unbounded profit factor passes that check; a few lucky trades are still insufficient", () => {
    const lucky = { ...GOOD, profitFactor: null, profitFactorUnbounded: true };
    expect(judgeEdge(lucky, "30m", THRESHOLDS).status).toBe("pass");
    expect(judgeEdge({ ...lucky, trades: 3 }, "30m", THRESHOLDS).status).toBe("insufficient_data");
  });

  it("a null Sharpe fails", () => {
    const v = judgeEdge({ ...GOOD, sharpe: null }, "5m", THRESHOLDS);
    expect(v.status).toBe("fail");
    expect(v.reasons).toEqual(["Sharpe undefined (too few days or no variance) < 1"]);
  });

  it("a segment without trades says its win rate is not applicable, not below the bar", () => {
    const v = judgeEdge({ ...GOOD, trades: 0, winRate: null }, "5m", THRESHOLDS);
    expect(v.reasons).toContain("win rate n/a — no trades");
  });
});
