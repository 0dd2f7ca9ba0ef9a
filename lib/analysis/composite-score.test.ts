import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { type CompositeInput, compositeScore } from "./composite-score";

const T = configSchema.parse({}).edgeThresholds;
const score = (input: CompositeInput) => compositeScore(input, "5m", T).score;

const STRONG: CompositeInput = { trades: 200, winRate: 0.62, profitFactor: 2.1, profitFactorUnbounded: false, sharpe: 2.2, deflatedSharpe: 0.97 };
const MODERATE: CompositeInput = { trades: 200, winRate: 0.56, profitFactor: 1.6, profitFactorUnbounded: false, sharpe: 1.1, deflatedSharpe: 0.7 };
const FAILING: CompositeInput = { trades: 200, winRate: 0.45, profitFactor: 0.9, profitFactorUnbounded: false, sharpe: -0.5, deflatedSharpe: 0.1 };

describe("composite score", () => {
  it("works the formula on a hand example", () => {
    // margins: win rate (0.56 − 0.55)/0.1 = 0.1; PF log₂(1.6/1.5) = 0.0931094; Sharpe 0.1; DSR (0.7 − 0.5)/0.25 = 0.8
    // raw = 0.25×0.1 + 0.25×0.0931094 + 0.2×0.1 + 0.3×0.8 = 0.3332774; confidence = 200/230
    const s = compositeScore(MODERATE, "5m", T);
    expect(s.margins.winRate).toBeCloseTo(0.1, 12);
    expect(s.margins.profitFactor).toBeCloseTo(Math.log2(1.6 / 1.5), 12);
    expect(s.margins.sharpe).toBeCloseTo(0.1, 12);
    expect(s.margins.deflatedSharpe).toBeCloseTo(0.8, 12);
    expect(s.confidence).toBeCloseTo(200 / 230, 12);
    expect(s.score).toBeCloseTo((200 / 230) * (0.025 + 0.25 * Math.log2(1.6 / 1.5) + 0.02 + 0.24), 12);
  });

  it("orders strong > moderate > failing", () => {
    expect(score(STRONG)).toBeGreaterThan(score(MODERATE));
    expect(score(MODERATE)).toBeGreaterThan(0);
    expect(score(FAILING)).toBeLessThan(0);
  });

  it("the same positive margins on more trades rank higher", () => {
    expect(score({ ...MODERATE, trades: 600 })).toBeGreaterThan(score(MODERATE));
  });

  it("a handful of lucky trades with an unbounded PF cannot out-rank a steady edge", () => {
    const lucky: CompositeInput = { trades: 5, winRate: 1, profitFactor: null, profitFactorUnbounded: true, sharpe: 6, deflatedSharpe: 0.99 };
    expect(compositeScore(lucky, "5m", T).margins.profitFactor).toBe(1);
    expect(score(lucky)).toBeLessThan(score(STRONG));
  });

  it("clamps margins and treats undefined values as the worst margin", () => {
    const s = compositeScore({ trades: 0, winRate: null, profitFactor: null, profitFactorUnbounded: false, sharpe: null, deflatedSharpe: null }, "5m", T);
    expect(s.margins).toEqual({ winRate: -2, profitFactor: -2, sharpe: -2, deflatedSharpe: -2 });
    expect(s.score).toBe(0);
    expect(compositeScore({ ...STRONG, sharpe: 40 }, "5m", T).margins.sharpe).toBe(2);
  });
});
