import { describe, expect, it } from "vitest";
import { BacktestError } from "./errors";
import { RiskManager } from "./risk-manager";
import { T0 } from "./testing/build-series";

const LIMITS = { maxConcurrent: 2, dailyLossLimit: -0.03, maxDrawdown: 0.15 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const leg = (legId: string) => ({ legId });

describe("RiskManager", () => {
  it("allows at most maxConcurrent open positions and one per leg", () => {
    const rm = new RiskManager(LIMITS, 10_000);
    expect(rm.canEnter(leg("a"), T0)).toEqual({ allowed: true });
    rm.onOpen("a");
    expect(rm.canEnter(leg("a"), T0)).toEqual({ allowed: false, reason: "position_open" });
    rm.onOpen("b");
    expect(rm.canEnter(leg("c"), T0)).toEqual({ allowed: false, reason: "max_concurrent" });
    rm.onClose("a");
    expect(rm.canEnter(leg("c"), T0)).toEqual({ allowed: true });
    expect(() => rm.onClose("a")).toThrow(BacktestError);
    expect(() => rm.onOpen("b")).toThrow(BacktestError);
  });

  it("pauses entries for the rest of the UTC day once the day is down 3 %, and resets the next day", () => {
    const rm = new RiskManager(LIMITS, 10_000);
    rm.onMark(10_200, T0 + HOUR); // day starts at 10 000 (starting equity)
    rm.onMark(9_750, T0 + 5 * HOUR); // −2.5 %
    expect(rm.canEnter(leg("a"), T0 + 5 * HOUR).allowed).toBe(true);
    rm.onMark(9_700, T0 + 6 * HOUR); // −3 % exactly: limit reached
    expect(rm.canEnter(leg("a"), T0 + 6 * HOUR)).toEqual({ allowed: false, reason: "daily_loss_limit" });
    rm.onMark(10_100, T0 + 7 * HOUR); // recovering does not lift the pause
    expect(rm.canEnter(leg("a"), T0 + 23 * HOUR)).toEqual({ allowed: false, reason: "daily_loss_limit" });
    expect(rm.canEnter(leg("a"), T0 + DAY + 60_000)).toEqual({ allowed: true });
    // The new day's start equity is the last mark before midnight (10 100): −3 % is 9 797.
    rm.onMark(9_800, T0 + DAY + HOUR);
    expect(rm.canEnter(leg("a"), T0 + DAY + HOUR).allowed).toBe(true);
    rm.onMark(9_797, T0 + DAY + 2 * HOUR);
    expect(rm.canEnter(leg("a"), T0 + DAY + 2 * HOUR)).toEqual({ allowed: false, reason: "daily_loss_limit" });
  });

  it("takes a mark exactly at 00:00 as that day's starting equity", () => {
    const rm = new RiskManager(LIMITS, 10_000);
    rm.onMark(10_000, T0 + 23 * HOUR);
    rm.onMark(9_000, T0 + DAY);
    expect(rm.snapshot().dayStartEquity).toBe(9_000);
    expect(rm.canEnter(leg("a"), T0 + DAY).allowed).toBe(true);
  });

  it("halts for good at 15 % below the peak and records when", () => {
    const rm = new RiskManager({ ...LIMITS, dailyLossLimit: -0.5 }, 10_000);
    rm.onMark(12_000, T0 + HOUR);
    rm.onMark(10_300, T0 + 2 * HOUR); // −14.2 %
    expect(rm.drawdownTrippedAt).toBeNull();
    rm.onMark(10_200, T0 + 3 * HOUR); // −15 %
    expect(rm.drawdownTrippedAt).toBe(T0 + 3 * HOUR);
    rm.onMark(13_000, T0 + 10 * DAY);
    expect(rm.canEnter(leg("a"), T0 + 10 * DAY)).toEqual({ allowed: false, reason: "max_drawdown" });
    expect(rm.drawdownTrippedAt).toBe(T0 + 3 * HOUR);
  });
});
