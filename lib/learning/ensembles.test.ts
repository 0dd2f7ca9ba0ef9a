import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import { randomFundingSeries } from "@/lib/market/testing/random-funding-series";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { ResearchCache } from "@/lib/hypothesis-runs/research-cache";
import { buildLeg } from "@/lib/hypothesis-runs/build-leg";
import { type Hypothesis, type HypothesisInput, hypothesisRuleIssues, hypothesisSchema } from "@/lib/signals/hypothesis";
import { learnedSpecSchema } from "@/lib/signals/learned-spec";
import { ensembleLeg } from "./ensemble-leg";
import { anySignal, ensembleVariant, memberVoteColumns, metaLabelVariant, voteSignal } from "./ensembles";
import { LearningError } from "./errors";

function hypothesis(id: string, entryConditions: string[], overrides: Partial<HypothesisInput> = {}): Hypothesis {
  return hypothesisSchema.parse({
    id,
    name: id.toUpperCase(),
    timeframe: "5m",
    direction: "long",
    description: `test hypothesis ${id}`,
    entryConditions,
    stopLoss: "1.5x ATR below entry",
    target: "2R",
    typicalHoldMinutes: [10, 60],
    slippagePips: 1.5,
    expectedAccuracy: 0.55,
    signalType: "mean_reversion",
    indicatorsUsed: ["RSI"],
    regimeBest: "ranging",
    fundingRateConsideration: "none",
    ...overrides,
  });
}

const a = hypothesis("h_a", ["RSI(14) < 45", "Close > Open"]);
const b = hypothesis("h_b", ["Close > Open"], { stopLoss: "1% below entry", target: "3R", indicatorsUsed: [] });
const c = hypothesis("h_c", ["RSI(14) < 40"]);

describe("voteSignal / anySignal", () => {
  const s = [Uint8Array.from([1, 1, 0, 0, 1]), Uint8Array.from([1, 0, 1, 0, 1]), Uint8Array.from([0, 0, 1, 0, 1])];

  it("counts the members whose rules hold at each bar", () => {
    expect([...voteSignal(s, 2)]).toEqual([1, 0, 1, 0, 1]);
    expect([...voteSignal(s, 3)]).toEqual([0, 0, 0, 0, 1]);
    expect([...anySignal(s)]).toEqual([1, 1, 1, 0, 1]);
  });

  it("refuses members of different lengths and impossible vote counts", () => {
    expect(() => voteSignal([s[0] as Uint8Array, new Uint8Array(4)], 1)).toThrow(/memberSignals\[1\] has 4 bars/);
    expect(() => voteSignal(s, 4)).toThrow(/minVotes/);
    expect(() => voteSignal(s, 0)).toThrow(/minVotes/);
  });

  it("names the stacked model's vote columns by member id", () => {
    expect(memberVoteColumns(["h_a", "h_b", "h_c"], s).map((c) => c.name)).toEqual(["vote:h_a", "vote:h_b", "vote:h_c"]);
    expect(() => memberVoteColumns(["h_a"], s)).toThrow(/1 member ids for 3/);
  });
});

describe("ensembleVariant", () => {
  it("builds a vote variant with the lead's exits, a deterministic id and a valid learned spec", () => {
    const v = ensembleVariant([a, b, c], "vote");
    expect(v.id).toMatch(/^ens_5m_[0-9a-f]{8}$/);
    expect(ensembleVariant([a, b, c], "vote").id).toBe(v.id);
    expect(ensembleVariant([b, a, c], "vote").id).not.toBe(v.id);
    expect(ensembleVariant([a, b, c], "vote", 3).id).not.toBe(v.id);
    expect(v).toMatchObject({ timeframe: "5m", direction: "long", stopLoss: a.stopLoss, target: a.target, maxHoldMinutes: a.maxHoldMinutes, slippagePips: a.slippagePips });
    expect(v.learned).toEqual({ kind: "vote", minVotes: 2, members: [a, b, c].map((m) => ({ id: m.id, name: m.name, entryConditions: m.entryConditions })) });
    expect(learnedSpecSchema.parse(v.learned)).toEqual(v.learned);
    expect(v.entryConditions).toEqual(["RSI(14) < 45", "Close > Open", "RSI(14) < 40"]);
    expect(hypothesisRuleIssues(v)).toEqual([]);
  });

  it("builds a stacked variant under its own prefix, with no vote count in its spec", () => {
    const s = ensembleVariant([a, b], "stacked");
    expect(s.id).toMatch(/^stk_5m_[0-9a-f]{8}$/);
    expect(s.learned).toEqual({ kind: "stacked", members: [a, b].map((m) => ({ id: m.id, name: m.name, entryConditions: m.entryConditions })) });
  });

  it("refuses members that do not share timeframe and direction, too few, repeated or learned members", () => {
    const short = hypothesis("h_s", ["RSI(14) > 60"], { direction: "short", stopLoss: "1% above entry" });
    const slow = hypothesis("h_15", ["RSI(14) < 40"], { timeframe: "15m" });
    expect(() => ensembleVariant([a, short], "vote")).toThrow(/must share timeframe and direction: h_s is 5m short/);
    expect(() => ensembleVariant([a, slow], "vote")).toThrow(LearningError);
    expect(() => ensembleVariant([a], "vote")).toThrow(/at least 2 members/);
    expect(() => ensembleVariant([a, a], "vote")).toThrow(/different hypotheses/);
    expect(() => ensembleVariant([a, metaLabelVariant(b)], "vote")).toThrow(/itself a learned variant/);
  });
});

describe("metaLabelVariant", () => {
  it("keeps the base's rules and exits under a derived id and name", () => {
    const m = metaLabelVariant(a);
    expect(m).toMatchObject({ id: "h_a~meta", name: "H_A_META", entryConditions: a.entryConditions, stopLoss: a.stopLoss, learned: { kind: "meta_label", baseId: "h_a" } });
    expect(() => metaLabelVariant(m)).toThrow(/already a learned variant/);
  });
});

describe("ensembleLeg", () => {
  const config = configSchema.parse({});
  const series = randomWalkSeries("BTCUSDT.P", "5m", 3_000, 9);
  const bundle = { symbol: "BTCUSDT.P", series: { "5m": series }, funding: randomFundingSeries("BTCUSDT.P", series.time[0] ?? 0, (series.time[2999] ?? 0) + 300_000, 4) };

  it("combines each member's compiled rules by the variant's kind, with the variant's exits", () => {
    const cache = new ResearchCache(config.regime);
    const vote = ensembleVariant([a, b, c], "vote", 2);
    const { leg, memberSignals } = ensembleLeg(vote, bundle, cache);
    const own = [a, b, c].map((h) => buildLeg(h, bundle, cache).entrySignal);
    expect(memberSignals).toEqual(own);
    expect(leg.entrySignal).toEqual(voteSignal(own, 2));
    expect(leg.entrySignal.some((v) => v === 1)).toBe(true);
    expect(leg.exits).toEqual(buildLeg(a, bundle, cache).exits);
    expect(ensembleLeg(ensembleVariant([a, b, c], "stacked"), bundle, cache).leg.entrySignal).toEqual(anySignal(own));
    expect(() => ensembleLeg(a, bundle, cache)).toThrow(/not an ensemble variant/);
  });
});
