import { describe, expect, it } from "vitest";
import { ensembleMembers, type MemberCandidateRun } from "./ensemble-members";

const DAY = 86_400_000;

/** A run over days [0, 100): `before` trades in the first 70 days (in sample), `after` in the last 30. */
function run(hypothesisId: string, before: readonly number[], after: readonly number[] = [], over: Partial<MemberCandidateRun> = {}): MemberCandidateRun {
  const trades = [...before.map((netPnl, k) => ({ entryTime: k * DAY * 0.5, netPnl })), ...after.map((netPnl, k) => ({ entryTime: 70 * DAY + k * DAY * 0.5, netPnl }))];
  return { hypothesisId, timeframe: "5m", direction: "long", symbol: "BTCUSDT.P", fromTime: 0, toTime: 100 * DAY, trades, ...over };
}

const wins = (n: number, win: number, loss: number) => Array.from({ length: n }, (_, k) => (k % 2 === 0 ? win : loss));

describe("ensembleMembers", () => {
  it("ranks by in-sample profit factor only, keeps the top k with enough in-sample trades, per instrument × timeframe × direction", () => {
    const groups = ensembleMembers([
      run("h_best", wins(40, 3, -1)),
      run("h_good", wins(40, 2, -1)),
      // Brilliant only after the cut: the in-sample ranking must not see it.
      run("h_late", wins(40, 1.1, -1), wins(40, 50, -1)),
      run("h_weak", wins(40, 1.05, -1)),
      run("h_thin", wins(20, 9, -1)),
      run("h_flawless", Array.from({ length: 30 }, () => 1)),
      run("h_eth", wins(40, 3, -1), [], { symbol: "ETHUSDT.P" }),
      run("h_short", wins(40, 3, -1), [], { direction: "short" }),
      run("h_short2", wins(40, 2, -1), [], { direction: "short" }),
    ]);
    expect(groups.map((g) => [g.symbol, g.direction, g.members.map((m) => m.hypothesisId)])).toEqual([
      ["BTCUSDT.P", "long", ["h_flawless", "h_best", "h_good"]],
      ["BTCUSDT.P", "short", ["h_short", "h_short2"]],
    ]);
    expect(groups[0]?.cutTime).toBe(70 * DAY);
    expect(groups[0]?.members[1]).toEqual({ hypothesisId: "h_best", inSampleTrades: 40, inSampleProfitFactor: 3 });
    expect(groups[0]?.members[0]?.inSampleProfitFactor).toBeNull();
  });

  it("honours k and minTrades, and refuses nonsense", () => {
    const runs = [run("h_1", wins(40, 3, -1)), run("h_2", wins(40, 2, -1)), run("h_3", wins(20, 2.5, -1))];
    expect(ensembleMembers(runs, { k: 2, minTrades: 10 })[0]?.members.map((m) => m.hypothesisId)).toEqual(["h_1", "h_3"]);
    expect(() => ensembleMembers(runs, { k: 1 })).toThrow(/k must be/);
  });
});
