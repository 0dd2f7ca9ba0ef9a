import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { combineStatuses, evaluateOutOfSample } from "./out-of-sample";
import { D0, dailyTrades } from "./testing/test-trades";

const THRESHOLDS = configSchema.parse({}).edgeThresholds;
const PERIOD = { from: D0, to: D0 + 100 * DAY_MS };
/** 3 wins of +30 per loss of −10: win rate 75 %, PF 9, steady daily gains. */
const GOOD = [30, 30, -10, 30];
/** 1 win of +10 per 2 losses of −20: win rate 33 %, PF 0.25. */
const BAD = [10, -20, -20];

describe("out-of-sample evaluation", () => {
  it("rejects a hypothesis that is great in-sample and bad out-of-sample", () => {
    // Cut at day 70: 70 good trades before, 30 bad trades after (30 = minTrades, so the OOS verdict is a real fail).
    const trades = [...dailyTrades(0, 70, GOOD), ...dailyTrades(70, 30, BAD)];
    const r = evaluateOutOfSample({ ...PERIOD, trades, startingEquity: 10_000 }, "15m", THRESHOLDS);
    expect(r.cutTime).toBe(D0 + 70 * DAY_MS);
    expect(r.inSample.metrics.trades).toBe(70);
    expect(r.inSample.verdict.status, "in-sample looks like an edge").toBe("pass");
    expect(r.outOfSample.metrics.trades).toBe(30);
    expect(r.outOfSample.metrics.winRate).toBeCloseTo(1 / 3, 12);
    expect(r.outOfSample.metrics.profitFactor).toBeCloseTo(0.25, 12);
    expect(r.outOfSample.verdict.status).toBe("fail");
    expect(r.overall, "must pass both halves").toBe("fail");
  });

  it("accepts a hypothesis that holds up in both halves", () => {
    const r = evaluateOutOfSample({ ...PERIOD, trades: dailyTrades(0, 100, GOOD), startingEquity: 10_000 }, "15m", THRESHOLDS);
    expect([r.inSample.verdict.status, r.outOfSample.verdict.status, r.overall]).toEqual(["pass", "pass", "pass"]);
  });

  it("too few out-of-sample trades leaves the whole undecided", () => {
    const trades = [...dailyTrades(0, 70, GOOD), ...dailyTrades(70, 10, GOOD)];
    const r = evaluateOutOfSample({ ...PERIOD, trades, startingEquity: 10_000 }, "15m", THRESHOLDS);
    expect(r.outOfSample.verdict.status).toBe("insufficient_data");
    expect(r.overall).toBe("insufficient_data");
  });

  it("combines statuses: any fail fails, then any insufficient is insufficient", () => {
    expect(combineStatuses(["pass", "pass"])).toBe("pass");
    expect(combineStatuses(["pass", "insufficient_data"])).toBe("insufficient_data");
    expect(combineStatuses(["insufficient_data", "fail"])).toBe("fail");
    expect(combineStatuses([])).toBe("insufficient_data");
  });
});
