import { describe, expect, it } from "vitest";
import { HypothesisFileError } from "./errors";
import { hypothesisId, hypothesisRuleIssues, hypothesisSchema, parseHypothesesFile, serializeHypotheses, type HypothesisInput } from "./hypothesis";

const base: HypothesisInput = {
  id: "h_5m_test0001",
  name: "RSI_Oversold_5m_Reversal",
  timeframe: "5m",
  direction: "long",
  description: "RSI below 30 with a bullish candle.",
  entryConditions: ["RSI(14) < 30", "Close > Open"],
  stopLoss: "1.5 ATR below entry",
  target: "1.5R",
  typicalHoldMinutes: [10, 60],
  slippagePips: 1.5,
  expectedAccuracy: 0.55,
  signalType: "mean_reversion",
  indicatorsUsed: ["RSI"],
  regimeBest: "ranging",
  fundingRateConsideration: "Avoid when funding > 0.0003.",
};

const file = (hypotheses: unknown[]) => JSON.stringify({ version: 1, hypotheses });

/** The seed's minimum reward:risk per timeframe (config minRiskReward). */
const MIN_RR = { "2m": 2.0, "5m": 1.5, "15m": 1.3, "30m": 1.2 };

function fileError(text: string): HypothesisFileError {
  try {
    parseHypothesesFile(text, MIN_RR);
  } catch (error) {
    if (error instanceof HypothesisFileError) return error;
    throw error;
  }
  throw new Error("expected a HypothesisFileError");
}

describe("hypothesis model", () => {
  it("defaults maxHoldMinutes to twice the upper typical hold", () => {
    expect(hypothesisSchema.parse(base).maxHoldMinutes).toBe(120);
    expect(hypothesisSchema.parse({ ...base, maxHoldMinutes: 45 }).maxHoldMinutes).toBe(45);
  });

  it("rejects out-of-range fields", () => {
    expect(hypothesisSchema.safeParse({ ...base, expectedAccuracy: 1.2 }).success).toBe(false);
    expect(hypothesisSchema.safeParse({ ...base, timeframe: "1h" }).success).toBe(false);
    expect(hypothesisSchema.safeParse({ ...base, typicalHoldMinutes: [60, 10] }).success).toBe(false);
    expect(hypothesisSchema.safeParse({ ...base, entryConditions: [] }).success).toBe(false);
  });

  it("derives a stable id from timeframe, direction and the meaning of the rules", () => {
    const id = hypothesisId(base);
    expect(id).toMatch(/^h_5m_[0-9a-f]{8}$/);
    expect(hypothesisId({ ...base })).toBe(id);
    expect(hypothesisId({ ...base, entryConditions: ["rsi(14)<30", "Price > Open"] })).toBe(id);
    expect(hypothesisId({ ...base, direction: "short", stopLoss: "1.5 ATR above entry" })).not.toBe(id);
    expect(hypothesisId({ ...base, timeframe: "15m" })).toMatch(/^h_15m_/);
    expect(hypothesisId({ ...base, target: "2R" })).not.toBe(id);
  });

  it("flags exits on the wrong side of entry", () => {
    expect(hypothesisRuleIssues({ ...base, stopLoss: "1 ATR above entry" })).toEqual([{ field: "stopLoss", message: "a long stop must be below entry" }]);
    expect(hypothesisRuleIssues({ ...base, direction: "short", stopLoss: "1 ATR above entry", target: "2 ATR above entry" })).toEqual([
      { field: "target", message: "a short target must be below entry" },
    ]);
  });
});

describe("hypotheses file", () => {
  it("round-trips through serializeHypotheses", () => {
    const list = [hypothesisSchema.parse(base), hypothesisSchema.parse({ ...base, id: "h_5m_test0002", name: "Other" })];
    const text = serializeHypotheses(list);
    expect(text.endsWith("\n")).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ version: 1, count: 2 });
    expect(parseHypothesesFile(text, MIN_RR)).toEqual(list);
    expect(serializeHypotheses(parseHypothesesFile(text, MIN_RR))).toBe(text);
  });

  it("names the hypothesis index, name and field of a bad rule", () => {
    const bad = { ...base, entryConditions: ["Close > Open", "RSI(14) <"] };
    expect(fileError(file([base, bad])).message).toBe(
      `hypotheses[1] "RSI_Oversold_5m_Reversal": entryConditions[1]: expected a number or indicator after '<' at column 9`,
    );
    expect(fileError(file([{ ...base, target: "2 parsecs" }])).message).toMatch(/^hypotheses\[0\] "RSI_Oversold_5m_Reversal": target: expected 'ATR', 'pips', 'bps', '%' or 'R' at column 3/);
    expect(fileError(file([{ ...base, stopLoss: "2R" }])).message).toMatch(/stopLoss: '2R' at column 1 is only valid for targets/);
  });

  it("names schema problems by index and field", () => {
    expect(fileError(file([{ ...base, expectedAccuracy: 2 }])).message).toMatch(/^hypotheses\[0\] "RSI_Oversold_5m_Reversal": expectedAccuracy: /);
    const { name: _name, ...nameless } = base;
    expect(fileError(file([nameless])).message).toMatch(/^hypotheses\[0\]: name: /);
  });

  it("refuses exits below the timeframe's minimum reward:risk, with the rule's numbers", () => {
    const tight = { ...base, name: "Tight scalp", timeframe: "15m", stopLoss: "0.5%", target: "+30 pips" };
    expect(fileError(file([tight])).message).toBe(
      `hypotheses[0] "Tight scalp": target: +30 pips over stop 0.5% is 0.6R on 15m: below the minimum 1.3R for 15m (to test it anyway, add "allowBelowMinRiskReward": true)`,
    );
    expect(fileError(file([{ ...base, target: "1.2R" }])).message).toMatch(/target: 1\.2R over stop 1\.5 ATR below entry is 1\.2R on 5m: below the minimum 1\.5R for 5m/);
    expect(fileError(file([{ ...base, target: "1.5 ATR above entry" }])).message, "ATR over ATR of one period is known without prices").toMatch(/is 1R on 5m: below the minimum 1\.5R/);
  });

  it("accepts exits below the minimum only when the hypothesis says so, and keeps the flag in the file", () => {
    const tight = { ...base, name: "Tight scalp", timeframe: "15m", stopLoss: "0.5%", target: "+30 pips", allowBelowMinRiskReward: true };
    const [parsed] = parseHypothesesFile(file([tight]), MIN_RR);
    expect(parsed?.allowBelowMinRiskReward).toBe(true);
    expect(serializeHypotheses(parseHypothesesFile(serializeHypotheses(parsed ? [parsed] : []), MIN_RR))).toContain(`"allowBelowMinRiskReward": true`);
    expect(serializeHypotheses([hypothesisSchema.parse(base)]), "absent unless set").not.toContain("allowBelowMinRiskReward");
  });

  it("leaves an ATR stop against a pips or percent target to the run, which measures each trade", () => {
    const mixed = { ...base, stopLoss: "1 ATR below entry", target: "30 pips" };
    expect(parseHypothesesFile(file([mixed]), MIN_RR)).toHaveLength(1);
  });

  it("rejects duplicate ids, bad JSON and a wrong envelope", () => {
    expect(fileError(file([base, { ...base, name: "Twin" }])).message).toMatch(/hypotheses\[1\] "Twin": id "h_5m_test0001" duplicates hypotheses\[0\]/);
    expect(fileError("{").message).toMatch(/not valid JSON/);
    expect(fileError(JSON.stringify([base])).message).toMatch(/must be \{ "version": 1, "hypotheses": \[\.\.\.\] \}/);
    expect(fileError(JSON.stringify({ version: 2, hypotheses: [] })).code).toBe("HYPOTHESIS_FILE_INVALID");
  });
});
