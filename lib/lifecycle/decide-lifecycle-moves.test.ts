import { describe, expect, it } from "vitest";
import { wilsonInterval } from "@/lib/analysis/wilson-interval";
import { decideLifecycleMoves, type ArmedLiveLeg, type LifecycleEvidence, type LifecycleSettings, type PaperLegResult, type TrackedPair } from "./decide-lifecycle-moves";
import { edgeEntries } from "./testing/edge-entries";

const BTC = "BTCUSDT.P";
const ON: LifecycleSettings = { autoPromote: true, autoDemote: true };
const ACCOUNT = "11111111-1111-4111-8111-111111111111";
const entries = edgeEntries([
  { id: "good", symbol: BTC, edge: "pass" },
  { id: "bad", symbol: BTC, edge: "fail" },
]);
const research = (ids: readonly string[]) => ({ batchId: "batch-1", entries: entries.filter((e) => ids.includes(e.hypothesisId)) });
const evidence = (over: Partial<LifecycleEvidence> = {}): LifecycleEvidence => ({ research: research(["good", "bad"]), paper: [], armed: [], minTrades: 30, ...over });
const tracked = (hypothesisId: string, state: TrackedPair["state"], paperAccountId: string | null = null): TrackedPair => ({ hypothesisId, symbol: BTC, state, paperAccountId });
/** 100 backtest trades with 60 wins: the interval paper is judged against. */
const INTERVAL = wilsonInterval(60, 100) ?? { lower: Number.NaN, upper: Number.NaN };
const paperLeg = (hypothesisId: string, trades: number, wins: number): PaperLegResult => ({ hypothesisId, symbol: BTC, paperAccountId: ACCOUNT, trades, winRate: trades > 0 ? wins / trades : null, backtestInterval: INTERVAL });
const ARMED: ArmedLiveLeg = { hypothesisId: "good", symbol: BTC, paperAccountId: ACCOUNT, liveAccountId: "live-1", liveAccountName: "Kraken demo", armedBy: "Ada", armedAt: 1_700_000_000_000 };
const path = (moves: ReturnType<typeof decideLifecycleMoves>) => moves.map((m) => `${m.hypothesisId}: ${m.from ?? "untracked"} → ${m.to}`);

describe("decideLifecycleMoves", () => {
  it("the fixture's verdicts are the analysis's own: one pass, one fail", () => {
    expect(entries.map((e) => [e.hypothesisId, e.overall])).toEqual([
      ["good", "pass"],
      ["bad", "fail"],
    ]);
  });

  it("enters every judged pair as a candidate, and takes one that passes through passed to paper in one run", () => {
    const moves = decideLifecycleMoves([], evidence(), ON);
    expect(path(moves)).toEqual(["good: untracked → candidate", "good: candidate → passed", "good: passed → paper", "bad: untracked → candidate"]);
    expect(moves.every((m) => m.actor.kind === "loop")).toBe(true);
    const passed = moves[1];
    expect(passed?.reason).toMatch(/^Passed the edge analysis: out of sample \d+ trades, win rate [\d.]+%, profit factor [\d.]+; in sample \d+ trades; deflated Sharpe [\d.]+ over 2 trials\.$/);
    expect(passed?.evidence).toMatchObject({ kind: "research", batchId: "batch-1", overall: "pass", reasons: [], trials: 2 });
    expect(moves[2]?.evidence).toMatchObject({ kind: "promotion", paperAccountId: null, research: { overall: "pass" } });
  });

  it("stops at passed when auto-promotion is off, and promotes a passed pair on a later run once it is on", () => {
    expect(path(decideLifecycleMoves([], evidence({ research: research(["good"]) }), { ...ON, autoPromote: false }))).toEqual(["good: untracked → candidate", "good: candidate → passed"]);
    expect(path(decideLifecycleMoves([tracked("good", "passed")], evidence({ research: research(["good"]) }), ON))).toEqual(["good: passed → paper"]);
  });

  it("sends a passed pair that no longer passes back to candidate, naming the failed checks", () => {
    const [move] = decideLifecycleMoves([tracked("bad", "passed")], evidence({ research: research(["bad"]) }), ON);
    expect(move).toMatchObject({ from: "passed", to: "candidate" });
    expect(move?.reason).toMatch(/^No longer passes the edge analysis: .+\. Back to research\.$/);
    expect((move?.evidence as { reasons: string[] }).reasons.length).toBeGreaterThan(0);
  });

  it("retires a paper pair whose re-run no longer passes; not with auto-demotion off", () => {
    const current = [tracked("bad", "paper", ACCOUNT)];
    const [move] = decideLifecycleMoves(current, evidence({ research: research(["bad"]) }), ON);
    expect(move).toMatchObject({ from: "paper", to: "retired", personMust: null, evidence: { kind: "research", overall: "fail" } });
    expect(move?.reason).toMatch(/^Demoted: a re-run no longer passes the edge analysis \(.+\)\.$/);
    expect(decideLifecycleMoves(current, evidence({ research: research(["bad"]) }), { ...ON, autoDemote: false })).toEqual([]);
  });

  it("retires a paper pair whose win rate drifted outside the backtest's interval, only with enough trades", () => {
    const current = [tracked("good", "paper", ACCOUNT)];
    const drifted = decideLifecycleMoves(current, evidence({ research: research(["good"]), paper: [paperLeg("good", 40, 8)] }), ON);
    expect(drifted).toHaveLength(1);
    expect(drifted[0]).toMatchObject({ from: "paper", to: "retired", evidence: { kind: "drift", paperAccountId: ACCOUNT, trades: 40, winRate: 0.2, direction: "worse", minTrades: 30 } });
    expect(drifted[0]?.reason).toBe(
      `Demoted: paper's win rate 20.0% over 40 closed trades is below the backtest's 95% interval [${(INTERVAL.lower * 100).toFixed(1)}%, ${(INTERVAL.upper * 100).toFixed(1)}%] (at least 30 trades needed, and there are).`,
    );
    expect(decideLifecycleMoves(current, evidence({ research: research(["good"]), paper: [paperLeg("good", 10, 0)] }), ON), "10 trades lost say nothing yet").toEqual([]);
    expect(decideLifecycleMoves(current, evidence({ research: research(["good"]), paper: [paperLeg("good", 40, 24)] }), ON), "in line").toEqual([]);
    expect(decideLifecycleMoves(current, evidence({ research: null, paper: [paperLeg("good", 50, 48)] }), ON)[0]?.evidence, "far better is outside the interval too").toMatchObject({ kind: "drift", direction: "better" });
  });

  it("judges drift on the pair's own paper account only", () => {
    const other = { ...paperLeg("good", 40, 8), paperAccountId: "22222222-2222-4222-8222-222222222222" };
    expect(decideLifecycleMoves([tracked("good", "paper", ACCOUNT)], evidence({ research: null, paper: [other] }), ON)).toEqual([]);
  });

  it("moves a paper pair to live only when a person armed its paper account's live account, with that person as the actor", () => {
    const [move] = decideLifecycleMoves([tracked("good", "paper", ACCOUNT)], evidence({ research: research(["good"]), armed: [ARMED] }), ON);
    expect(move).toMatchObject({ from: "paper", to: "live", actor: { kind: "person", name: "Ada" }, evidence: { kind: "armed", liveAccountId: "live-1", armedBy: "Ada" } });
    expect(decideLifecycleMoves([tracked("good", "paper", "33333333-3333-4333-8333-333333333333")], evidence({ research: research(["good"]), armed: [ARMED] }), ON), "armed for another account").toEqual([]);
  });

  it("never moves anything to live on its own, whatever the evidence and settings", () => {
    const states: TrackedPair["state"][] = ["candidate", "passed", "paper", "live", "retired"];
    for (const state of states) {
      for (const settings of [ON, { autoPromote: false, autoDemote: false }]) {
        const moves = decideLifecycleMoves([tracked("good", state, ACCOUNT)], evidence({ research: research(["good"]), paper: [paperLeg("good", 100, 60)] }), settings);
        expect(moves.filter((m) => m.to === "live" && m.actor.kind === "loop"), `${state}`).toEqual([]);
        expect(moves.some((m) => m.to === "live"), `${state}: nobody armed anything`).toBe(false);
      }
    }
  });

  it("retires a drifting live pair for the lifecycle and says a person must act on the live account", () => {
    const [move] = decideLifecycleMoves([tracked("good", "live", ACCOUNT)], evidence({ research: research(["good"]), paper: [paperLeg("good", 40, 8)], armed: [ARMED] }), ON);
    expect(move).toMatchObject({ from: "live", to: "retired", actor: { kind: "loop" } });
    expect(move?.personMust).toBe("Live account Kraken demo still trades it: a person must halt or disarm it (the loop never acts on a live account).");
    expect(move?.reason.endsWith(move?.personMust ?? "?")).toBe(true);
  });

  it("leaves retired pairs alone, even when they pass again", () => {
    expect(decideLifecycleMoves([tracked("good", "retired")], evidence({ research: research(["good"]) }), ON)).toEqual([]);
  });

  it("moves nothing on research it did not get: a tracked pair absent from the run stays where it is", () => {
    expect(decideLifecycleMoves([tracked("good", "candidate"), tracked("bad", "paper", ACCOUNT)], evidence({ research: research([]) }), ON)).toEqual([]);
  });
});
