import { describe, expect, it } from "vitest";
import { describeDiagnostics } from "./describe-diagnostics";

describe("describeDiagnostics", () => {
  it("writes signals, skips by reason and leaves out the figures shown apart", () => {
    const sentences = describeDiagnostics({
      signals: 412,
      bars: 10_080,
      blocked: { position_open: 11, max_concurrent: 0, daily_loss_limit: 0, max_drawdown: 0, invalid_stop: 1, insufficient_equity: 0 },
      ambiguousBars: 3,
      ambiguousResolvedBy1m: 2,
      ambiguousAssumedStop: 1,
      riskReward: { minimum: 1.5, planned: 2, allowedBelowMinimum: false, tradesBelowMinimum: 0 },
    });
    expect(sentences).toEqual([
      "412 entry signals over 10,080 bars",
      "11 signals skipped: position already open",
      "1 signal skipped: no valid stop at that bar (its ATR not warmed up yet, or the stop beyond zero)",
    ]);
  });

  it("says so when nothing was skipped, and writes unknown keys in words rather than JSON", () => {
    expect(describeDiagnostics({ signals: 1, blocked: { position_open: 0 }, legCount: 2, perLeg: { btcLong: 3 } })).toEqual([
      "1 entry signal",
      "no signal skipped",
      "leg count: 2",
      "per leg: btc long 3",
    ]);
  });

  it("writes a skip reason it has no sentence for in words", () => {
    expect(describeDiagnostics({ blocked: { funding_window: 4 } })).toEqual(["4 signals skipped: funding window"]);
  });
});
