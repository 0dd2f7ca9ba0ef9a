import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";
import { discoverHypotheses } from "./discover-hypotheses";
import { hypothesisRuleIssues, parseHypothesesFile, serializeHypotheses } from "./hypothesis";
import { parseCondition } from "./rule-parser";
import { riskRewardOf } from "./risk-reward";

const config = configSchema.parse({});
const all = discoverHypotheses(config);

describe("discoverHypotheses", () => {
  it("generates 30+ hypotheses over every trading timeframe", () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
    for (const tf of TRADING_TIMEFRAMES) expect(all.filter((h) => h.timeframe === tf).length, tf).toBeGreaterThanOrEqual(5);
  });

  it("covers every signal type and both directions", () => {
    expect(new Set(all.map((h) => h.signalType))).toEqual(new Set(["momentum", "mean_reversion", "breakout", "funding", "trend_following", "confluence"]));
    expect(new Set(all.map((h) => h.direction))).toEqual(new Set(["long", "short"]));
  });

  it("includes the required families", () => {
    const has = (rules: string[], tf: string) => all.some((h) => h.timeframe === tf && rules.every((r) => h.entryConditions.includes(r)));
    expect(has(["30m: Close > SMA(50)", "15m: RSI(14) < 45"], "5m")).toBe(true);
    expect(has(["Funding > 0.0003"], "30m")).toBe(true);
    expect(has(["Funding < -0.0002"], "30m")).toBe(true);
    expect(all.find((h) => h.entryConditions.includes("Funding > 0.0003"))?.direction).toBe("short");
    expect(has(["RSI(14) < 30"], "5m") && has(["RSI(14) > 70"], "5m")).toBe(true);
    expect(all.some((h) => h.timeframe === "30m" && h.entryConditions.some((r) => r.includes("Lowest(100)")))).toBe(true);
  });

  it("is deterministic with unique ids and names", () => {
    expect(discoverHypotheses(config)).toEqual(all);
    expect(new Set(all.map((h) => h.id)).size).toBe(all.length);
    expect(new Set(all.map((h) => h.name)).size).toBe(all.length);
    for (const h of all) expect(h.id).toMatch(new RegExp(`^h_${h.timeframe}_[0-9a-f]{8}$`));
  });

  it("writes only rules that parse, with exits on the right side", () => {
    for (const h of all) {
      expect(hypothesisRuleIssues(h), h.name).toEqual([]);
      for (const r of h.entryConditions) expect(() => parseCondition(r)).not.toThrow();
    }
  });

  it("meets each timeframe's minimum reward:risk, checkably", () => {
    for (const h of all) {
      const rr = riskRewardOf(h);
      expect(rr, `${h.name}: ${h.stopLoss} / ${h.target}`).not.toBeNull();
      expect(rr ?? 0, h.name).toBeGreaterThanOrEqual(config.minRiskReward[h.timeframe]);
    }
  });

  it("uses the timeframe's slippage and lists the indicators the rules read", () => {
    for (const h of all) expect(h.slippagePips).toBe(config.slippagePips[h.timeframe]);
    const pullback = all.find((h) => h.entryConditions.includes("30m: Close > SMA(50)"));
    expect(pullback?.indicatorsUsed).toEqual(["EMA", "RSI", "SMA"]);
    expect(all.find((h) => h.signalType === "funding")?.indicatorsUsed).toContain("Funding");
  });

  it("quick mode is a small subset with every timeframe", () => {
    const quick = discoverHypotheses(config, { quick: true });
    expect(quick.length).toBeGreaterThanOrEqual(6);
    expect(quick.length).toBeLessThanOrEqual(10);
    for (const tf of TRADING_TIMEFRAMES) expect(quick.some((h) => h.timeframe === tf), tf).toBe(true);
    const ids = new Set(all.map((h) => h.id));
    for (const h of quick) expect(ids.has(h.id)).toBe(true);
  });

  it("follows config: timeframes filter and indicator ranges", () => {
    const only30 = discoverHypotheses(configSchema.parse({ timeframes: ["30m"] }));
    expect(only30.length).toBeGreaterThan(0);
    expect(only30.every((h) => h.timeframe === "30m")).toBe(true);
    expect(discoverHypotheses(configSchema.parse({ timeframes: ["2m"] }), { quick: true }).map((h) => h.timeframe)).toEqual(["2m"]);
    const custom = configSchema.parse({ minRiskReward: { "2m": 3, "5m": 1.5, "15m": 1.3, "30m": 1.2 } });
    for (const h of discoverHypotheses(custom).filter((x) => x.timeframe === "2m")) expect(riskRewardOf(h) ?? 0).toBeGreaterThanOrEqual(3);
    const ranges = { ...config.indicatorRanges, rsi: { period: [14], oversold: [30, 30], overbought: [70] } };
    const rsi = discoverHypotheses(configSchema.parse({ indicatorRanges: ranges })).filter((h) => h.name.startsWith("RSI14_"));
    expect(rsi.map((h) => h.entryConditions[0])).toEqual(["RSI(14) < 30", "RSI(14) > 70"]);
  });

  it("serializes to a file that parses back to the same list", () => {
    expect(parseHypothesesFile(serializeHypotheses(all), config.minRiskReward)).toEqual(all);
  });
});
