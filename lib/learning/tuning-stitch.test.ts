import { describe, expect, it } from "vitest";
import type { Trade } from "@/lib/backtest/types";
import { stitchTrades } from "./tuning-stitch";
import { bernoulliOutcomes, memberRun, tuningHypothesis } from "./testing/tuning-members";

const run = (id: string, seed: string, days: number) => memberRun(tuningHypothesis(id, 20), bernoulliOutcomes(seed, days * 3, 0.5), { days });

/** A hand-made trade: only the fields the stitching reads or scales matter here. */
function trade(entryTime: number, exitTime: number, netPnl: number, qty: number): Trade {
  const [base] = run("x", "x", 1).trades;
  return { ...(base as Trade), entryTime, exitTime, qty, netPnl, grossPnl: netPnl + 10, entryFee: 4, exitFee: 4, funding: 2, slippageCost: 3 };
}

const SCALED: readonly string[] = ["qty", "netPnl", "grossPnl", "entryFee", "exitFee", "funding", "slippageCost"];
const unscaled = (t: Trade) => Object.fromEntries(Object.entries(t).filter(([k]) => !SCALED.includes(k)));

describe("stitchTrades", () => {
  it("reproduces a member's own trades exactly when the account is that member all along", () => {
    const member = run("a", "self", 60);
    const stitched = stitchTrades([{ from: member.fromTime, to: member.toTime, trades: member.trades, startingEquity: member.startingEquity }], member.startingEquity);
    expect(stitched).toEqual(member.trades);
  });

  it("reproduces them cut into consecutive segments of the same member", () => {
    const member = run("a", "self", 60);
    const cut = member.fromTime + 20 * 86_400_000;
    const segment = (from: number, to: number) => ({ from, to, trades: member.trades, startingEquity: member.startingEquity });
    expect(stitchTrades([segment(member.fromTime, cut), segment(cut, member.toTime)], member.startingEquity)).toEqual(member.trades);
  });

  it("scales a member's trade by the account's equity over the member's at entry, and keeps the rest", () => {
    // X: +200 on 10,000. Y doubled to 20,000 before its trade at t = 50; the account holds 10,200 then: scale 0.51.
    const x = [trade(10, 20, 200, 2)];
    const y = [trade(1, 5, 10_000, 100), trade(50, 60, 400, 4)];
    const stitched = stitchTrades(
      [
        { from: 0, to: 30, trades: x, startingEquity: 10_000 },
        { from: 30, to: 100, trades: y, startingEquity: 10_000 },
      ],
      10_000,
    );
    expect(stitched).toHaveLength(2);
    expect(stitched[0]).toEqual(x[0]);
    const scaled = stitched[1] as Trade;
    expect(scaled.netPnl).toBeCloseTo(204, 10);
    expect(scaled.qty).toBeCloseTo(2.04, 10);
    expect(scaled.grossPnl).toBeCloseTo(410 * 0.51, 10);
    expect([scaled.entryFee, scaled.exitFee, scaled.funding, scaled.slippageCost]).toEqual([4 * 0.51, 4 * 0.51, 2 * 0.51, 3 * 0.51].map((v) => expect.closeTo(v, 10)));
    expect(unscaled(scaled)).toEqual(unscaled(y[1] as Trade));
  });

  it("holds one position at a time: a trade entering while the previous segment's last trade is open is not taken", () => {
    const x = [trade(10, 40, 100, 1)];
    const y = [trade(35, 38, 50, 1), trade(45, 50, 50, 1)];
    const stitched = stitchTrades(
      [
        { from: 0, to: 30, trades: x, startingEquity: 10_000 },
        { from: 30, to: 100, trades: y, startingEquity: 10_000 },
      ],
      10_000,
    );
    expect(stitched.map((t) => t.entryTime)).toEqual([10, 45]);
  });

  it("takes only the trades each segment's member entered inside the segment", () => {
    const y = [trade(5, 8, 10, 1), trade(30, 32, 10, 1), trade(99, 120, 10, 1), trade(100, 101, 10, 1)];
    const stitched = stitchTrades([{ from: 30, to: 100, trades: y, startingEquity: 10_000 }], 10_000);
    expect(stitched.map((t) => t.entryTime)).toEqual([30, 99]);
  });
});
