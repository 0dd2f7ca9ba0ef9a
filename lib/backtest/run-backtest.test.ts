import { describe, expect, it } from "vitest";
import { BacktestError } from "./errors";
import { REGIME } from "./regime-codes";
import { runBacktest } from "./run-backtest";
import { MINUTE, T0, buildMinutes, buildSeries } from "./testing/build-series";
import { makeInput, signals } from "./testing/make-input";
import type { Trade } from "./types";

const M30 = 30 * MINUTE;
const M5 = 5 * MINUTE;

function only(trades: readonly Trade[]): Trade {
  expect(trades).toHaveLength(1);
  const [t] = trades;
  if (!t) throw new Error("no trade");
  return t;
}

describe("entry fill", () => {
  it("fills at the next open, prices stop/target from the fill, pays taker, and a target pays maker", () => {
    const series = buildSeries("30m", [
      [100, 101, 99, 100],
      [100, 100.5, 99.5, 100],
      [100, 103, 99.9, 102],
    ]);
    const t = only(runBacktest(makeInput(series)).trades);
    // Fill 100, stop 1 % → 99, target 2R → 102; qty = 10 000 × 2 % / 1 = 200 (notional 20 000 ≤ 10 × equity).
    expect(t.entryTime).toBe(T0 + M30);
    expect(t.entryPrice).toBe(100);
    expect(t.stop).toBeCloseTo(99, 12);
    expect(t.target).toBeCloseTo(102, 12);
    expect(t.qty).toBeCloseTo(200, 9);
    expect(t.reason).toBe("target");
    expect(t.exitPrice).toBeCloseTo(102, 12);
    expect(t.exitTime).toBe(T0 + 2 * M30);
    expect(t.entryFee).toBeCloseTo(200 * 100 * 0.0005, 9); // 10
    expect(t.exitFee).toBeCloseTo(200 * 102 * 0.0002, 9); // 4.08
    expect(t.grossPnl).toBeCloseTo(400, 9);
    expect(t.netPnl).toBeCloseTo(385.92, 9);
    expect(t.r).toBeCloseTo(385.92 / 200, 9);
    expect(t.barsHeld).toBe(2);
    expect(t.slippageCost).toBe(0);
    expect(t.ambiguity).toBe("none");
  });

  it("moves entry and stop fills against a short by the slippage and uses the signal bar's ATR", () => {
    const series = buildSeries("30m", [
      [200, 201, 199, 200],
      [200, 201, 199, 200.5],
      [201, 203, 200, 202],
    ]);
    const atr = new Float64Array([2, 50, 50]);
    const input = makeInput(series, {
      direction: "short",
      atr,
      slippagePips: 10,
      exits: { stop: { kind: "atr", multiple: 1.5 }, target: { kind: "bps", bps: 200 } },
      sizing: { mode: "risk", riskFraction: 0.02, leverage: 5 },
    });
    const t = only(runBacktest(input).trades);
    const fill = 200 * (1 - 0.001); // 199.8
    const qty = 200 / 3; // risk 200 over a 1.5 × 2 = 3 stop distance
    const stopFill = 202.8 * 1.001;
    expect(t.side).toBe("short");
    expect(t.entryPrice).toBeCloseTo(fill, 12);
    expect(t.stop).toBeCloseTo(202.8, 12);
    expect(t.target).toBeCloseTo(fill - fill * 0.02, 12);
    expect(t.qty).toBeCloseTo(qty, 9);
    expect(t.reason).toBe("stop");
    expect(t.exitPrice).toBeCloseTo(stopFill, 12);
    expect(t.slippageCost).toBeCloseTo(qty * 200 * 0.001 + qty * 202.8 * 0.001, 9);
    expect(t.entryFee).toBeCloseTo(qty * fill * 0.0005, 9);
    expect(t.exitFee).toBeCloseTo(qty * stopFill * 0.0005, 9);
    expect(t.grossPnl).toBeCloseTo(-qty * (stopFill - fill), 9);
    expect(t.netPnl).toBeCloseTo(t.grossPnl - t.entryFee - t.exitFee, 9);
    expect(t.r).toBeCloseTo(t.netPnl / (qty * 3), 9);
  });

  it("checks the entry bar itself", () => {
    const series = buildSeries("30m", [
      [100, 100, 100, 100],
      [100, 100.2, 98.5, 99],
    ]);
    const t = only(runBacktest(makeInput(series)).trades);
    expect(t.reason).toBe("stop");
    expect(t.exitIndex).toBe(1);
    expect(t.exitTime).toBe(t.entryTime);
    expect(t.barsHeld).toBe(1);
  });

  it("does not enter on a signal at the last bar", () => {
    const series = buildSeries("30m", [[100, 100, 100, 100]]);
    expect(runBacktest(makeInput(series)).trades).toHaveLength(0);
  });
});

describe("stop and target", () => {
  const base: [number, number, number, number][] = [
    [100, 100, 100, 100],
    [100, 100.5, 99.5, 100],
  ];

  it("fills a stop gapped through at the open, slipped", () => {
    const series = buildSeries("30m", [...base, [97, 98, 96, 97.5]]);
    const t = only(runBacktest(makeInput(series, { slippagePips: 5 })).trades);
    // Fill 100.05, stop 99.0495; the bar opens at 97, below it.
    expect(t.reason).toBe("stop");
    expect(t.exitPrice).toBeCloseTo(97 * (1 - 0.0005), 12);
    expect(t.slippageCost).toBeCloseTo(t.qty * 100 * 0.0005 + t.qty * 97 * 0.0005, 9);
    expect(t.exitFee).toBeCloseTo(t.qty * t.exitPrice * 0.0005, 9);
  });

  it("fills a target gapped through at the target price (conservative), maker fee", () => {
    const series = buildSeries("30m", [...base, [104, 105, 103.5, 104]]);
    const t = only(runBacktest(makeInput(series, { slippagePips: 5 })).trades);
    expect(t.reason).toBe("target");
    expect(t.exitPrice).toBeCloseTo(t.target, 12);
    expect(t.exitFee).toBeCloseTo(t.qty * t.target * 0.0002, 9);
    expect(t.slippageCost).toBeCloseTo(t.qty * 100 * 0.0005, 9); // entry only
  });

  it("assumes stop first on a bar hitting both when there is no 1m data", () => {
    const series = buildSeries("30m", [...base, [100, 103, 98.5, 101]]);
    const run = runBacktest(makeInput(series));
    const t = only(run.trades);
    expect(t.reason).toBe("stop");
    expect(t.exitPrice).toBeCloseTo(99, 12);
    expect(t.ambiguity).toBe("assumed_stop");
    expect(run.ambiguousBars).toBe(1);
    expect(run.ambiguousResolvedBy1m).toBe(0);
  });

  describe("with 1m candles inside a 5m bar hitting both", () => {
    const series = buildSeries("5m", [...base, [100, 103, 98.5, 101]]);
    const bar2 = T0 + 2 * M5;
    const quiet = [100, 100.2, 99.8, 100] as const;

    it("takes the target when its minute comes first", () => {
      const minute = buildMinutes([
        [bar2, ...quiet],
        [bar2 + MINUTE, 100, 102.5, 99.9, 102],
        [bar2 + 2 * MINUTE, 102, 102, 98.5, 99],
      ]);
      const run = runBacktest(makeInput(series, { minute }));
      const t = only(run.trades);
      expect(t.reason).toBe("target");
      expect(t.exitPrice).toBeCloseTo(102, 12);
      expect(t.exitTime).toBe(bar2 + MINUTE);
      expect(t.ambiguity).toBe("minute_data");
      expect(run.ambiguousBars).toBe(1);
      expect(run.ambiguousResolvedBy1m).toBe(1);
    });

    it("takes the stop when its minute comes first", () => {
      const minute = buildMinutes([
        [bar2, 100, 100.1, 98.9, 99.5],
        [bar2 + MINUTE, 99.5, 103, 99.4, 102],
      ]);
      const t = only(runBacktest(makeInput(series, { minute })).trades);
      expect(t.reason).toBe("stop");
      expect(t.exitTime).toBe(bar2);
      expect(t.ambiguity).toBe("minute_data");
    });

    it("assumes stop first, unresolved, when the first touching minute opens between the levels and touches both", () => {
      const minute = buildMinutes([[bar2, 100, 103, 98.5, 101]]);
      const run = runBacktest(makeInput(series, { minute }));
      const t = only(run.trades);
      expect(t.reason).toBe("stop");
      expect(t.exitPrice).toBeCloseTo(99, 12);
      expect(t.ambiguity, "the minute did not order the touches").toBe("assumed_stop");
      expect(run.ambiguousResolvedBy1m).toBe(0);
      expect(run.ambiguousAssumedStop).toBe(1);
    });

    it("takes the target when the first touching minute opens beyond it, even if that minute later reaches the stop", () => {
      const minute = buildMinutes([
        [bar2, ...quiet],
        [bar2 + MINUTE, 102.5, 102.6, 98.5, 99],
      ]);
      const run = runBacktest(makeInput(series, { minute }));
      const t = only(run.trades);
      expect(t.reason, "the resting target fills at the minute's open, before the fall").toBe("target");
      expect(t.exitPrice).toBeCloseTo(102, 12);
      expect(t.ambiguity).toBe("minute_data");
      expect(run.ambiguousResolvedBy1m).toBe(1);
      expect(run.ambiguousAssumedStop).toBe(0);
    });

    it("falls back to stop first when a minute is missing before any touch", () => {
      const minute = buildMinutes([
        [bar2, ...quiet],
        // minute 2 missing: a touch could hide there
        [bar2 + 2 * MINUTE, 100, 102.5, 99.9, 102],
      ]);
      const run = runBacktest(makeInput(series, { minute }));
      const t = only(run.trades);
      expect(t.reason).toBe("stop");
      expect(t.ambiguity).toBe("assumed_stop");
      expect(run.ambiguousBars).toBe(1);
      expect(run.ambiguousResolvedBy1m).toBe(0);
    });

    it("fills a stop at a minute's open when that minute gaps through it", () => {
      const minute = buildMinutes([
        [bar2, ...quiet],
        [bar2 + MINUTE, 98.7, 103, 98.5, 101],
      ]);
      const t = only(runBacktest(makeInput(series, { minute })).trades);
      expect(t.exitPrice).toBeCloseTo(98.7, 12);
    });
  });
});

describe("a both-hit bar whose first minute touches both (BTCUSDT.P 5m, 2025-05-29 14:45 UTC)", () => {
  // The exchange's 1m candles of 14:40–14:49; the 5m bars are their aggregation. Entry at the 14:45 open, 3 pips
  // slipped (107 185.55), stop 1 ATR = 107.19 below (107 078.36), target 1.5R above (107 346.3): the 14:45 minute
  // spans 107 066.5–107 360, so the 1m data cannot say which came first.
  const start = Date.UTC(2025, 4, 29, 14, 40);
  const minute = buildMinutes(
    (
      [
        [107091.9, 107102.1, 106984.7, 106984.8],
        [106984.7, 107031.6, 106919.3, 106919.4],
        [106919.3, 107060.5, 106901.7, 107001.5],
        [107001.4, 107030.8, 106967.1, 107010.1],
        [107010.2, 107187.9, 107005, 107153.4],
        [107153.4, 107360, 107066.5, 107346.7],
        [107346.8, 107419.1, 107302.6, 107398.4],
        [107398.3, 107501, 107350.2, 107461.3],
        [107461.2, 107537, 107370, 107536.9],
        [107537, 107621.4, 107394, 107441.8],
      ] as const
    ).map(([o, h, l, c], k) => [start + k * MINUTE, o, h, l, c] as const),
  );
  const series = buildSeries(
    "5m",
    [
      [107091.9, 107187.9, 106901.7, 107153.4],
      [107153.4, 107621.4, 107066.5, 107441.8],
    ],
    start,
    "BTCUSDT.P",
  );
  const input = makeInput(series, {
    minute,
    slippagePips: 3,
    atr: new Float64Array([107.19, 107.19]),
    exits: { stop: { kind: "atr", multiple: 1 }, target: { kind: "r", multiple: 1.5 } },
  });

  it("is labelled assumed stop and counted unresolved, not resolved by minute data", () => {
    const run = runBacktest(input);
    const t = only(run.trades);
    expect(t.entryPrice).toBeCloseTo(107185.55, 2);
    expect(t.stop).toBeCloseTo(107078.36, 2);
    expect(t.target).toBeCloseTo(107346.33, 2);
    expect(t.reason).toBe("stop");
    expect(t.exitTime).toBe(Date.UTC(2025, 4, 29, 14, 45));
    expect(t.ambiguity, "the 14:45 minute touched both stop and target").toBe("assumed_stop");
    expect(run.ambiguousBars).toBe(1);
    expect(run.ambiguousResolvedBy1m).toBe(0);
    expect(run.ambiguousAssumedStop).toBe(1);
  });
});

describe("time stop and end of data", () => {
  const flat: [number, number, number, number] = [100, 100.5, 99.5, 100];

  it("closes at the close of the first bar whose close time reaches entry + maxHold, slipped, taker", () => {
    const series = buildSeries("30m", [flat, flat, [100, 100.5, 99.5, 100.3], flat]);
    for (const maxHoldMinutes of [45, 60]) {
      const t = only(runBacktest(makeInput(series, { maxHoldMinutes, slippagePips: 2 })).trades);
      expect(t.reason).toBe("time");
      expect(t.exitIndex).toBe(2);
      expect(t.exitTime).toBe(T0 + 3 * M30);
      expect(t.exitPrice).toBeCloseTo(100.3 * (1 - 0.0002), 12);
      expect(t.exitFee).toBeCloseTo(t.qty * t.exitPrice * 0.0005, 9);
    }
  });

  it("closes an open position at the last close with slippage and taker fee", () => {
    const series = buildSeries("30m", [flat, flat, [100, 100.5, 99.5, 100.4]]);
    const run = runBacktest(makeInput(series, { slippagePips: 2 }));
    const t = only(run.trades);
    expect(t.reason).toBe("end_of_data");
    expect(t.exitTime).toBe(T0 + 3 * M30);
    expect(t.exitPrice).toBeCloseTo(100.4 * (1 - 0.0002), 12);
    expect(t.exitFee).toBeCloseTo(t.qty * t.exitPrice * 0.0005, 9);
    expect(run.equity[2]).toBeCloseTo(10_000 + t.netPnl, 9);
  });
});

describe("funding", () => {
  // 30m bars from 00:00; entry at bar 1's open (00:30), exit by time stop at the close of bar 5 (03:00).
  const closes = [100, 100, 101, 102, 103, 104, 105, 106];
  const series = buildSeries(
    "30m",
    closes.map((c) => [c, c + 0.2, c - 0.2, c] as const),
  );
  const at = (h: number, m = 0): number => T0 + (h * 60 + m) * MINUTE;
  const funding = (events: readonly (readonly [number, number])[]) => ({
    symbol: "TESTUSDT.P",
    length: events.length,
    time: new Float64Array(events.map(([t]) => t)),
    rate: new Float64Array(events.map(([, r]) => r)),
  });
  const wide = { stop: { kind: "percent", pct: 5 }, target: { kind: "percent", pct: 50 } } as const;
  const run = (direction: "long" | "short", events: readonly (readonly [number, number])[]) =>
    only(runBacktest(makeInput(series, { direction, exits: wide, maxHoldMinutes: 150, funding: funding(events) })).trades);

  it("charges a long one event at the close of the bar the event closes", () => {
    const t = run("long", [[at(1), 0.0001]]);
    expect(t.exitTime).toBe(at(3));
    // 01:00 is the close of bar 1 (00:30–01:00): price 100.
    expect(t.funding).toBeCloseTo(t.qty * 100 * 0.0001, 12);
    expect(t.netPnl).toBeCloseTo(t.grossPnl - t.entryFee - t.exitFee - t.funding, 9);
  });

  it("sums several events inside the holding window and ignores those outside it", () => {
    const t = run("long", [
      [at(0, 30), 0.01], // at the entry instant: not held before it
      [at(1), 0.0001], // bar 1 close 100
      [at(2, 15), -0.0002], // inside bar 4 (02:00–02:30): close 103
      [at(3), 0.0003], // = exit time (close of bar 5): 104
      [at(3, 30), 0.01], // after the exit
    ]);
    expect(t.funding).toBeCloseTo(t.qty * (100 * 0.0001 - 103 * 0.0002 + 104 * 0.0003), 12);
  });

  it("lets a short receive a positive rate", () => {
    const t = run("short", [
      [at(1), 0.0001],
      [at(2), 0.0002],
    ]);
    expect(t.funding).toBeCloseTo(-t.qty * (100 * 0.0001 + 102 * 0.0002), 12);
    expect(t.netPnl).toBeCloseTo(t.grossPnl - t.entryFee - t.exitFee - t.funding, 9);
  });

  it("stamps an intrabar exit at its bar's open, so an event at that bar's close is not charged", () => {
    const rows = closes.map((c) => [c, c + 0.2, c - 0.2, c] as [number, number, number, number]);
    rows[3] = [101, 101.2, 90, 95]; // stop (5 %) hit during bar 3 (01:30–02:00)
    const t = only(
      runBacktest(
        makeInput(buildSeries("30m", rows), {
          exits: wide,
          funding: funding([
            [at(1, 30), 0.0001],
            [at(2), 0.0001],
          ]),
        }),
      ).trades,
    );
    expect(t.reason).toBe("stop");
    expect(t.exitTime).toBe(at(1, 30));
    expect(t.funding).toBeCloseTo(t.qty * 101 * 0.0001, 12);
  });
});

describe("sizing", () => {
  const series = buildSeries("30m", [
    [100, 100, 100, 100],
    [100, 100.5, 99.5, 100],
  ]);

  it("caps risk sizing at equity × leverage", () => {
    const t = only(runBacktest(makeInput(series, { sizing: { mode: "risk", riskFraction: 0.02, leverage: 1 } })).trades);
    // Uncapped qty would be 200 (notional 20 000); the cap is 10 000 / 100.
    expect(t.qty).toBeCloseTo(100, 9);
    expect(t.r).toBeCloseTo(t.netPnl / (100 * 1), 9);
  });

  it("sizes notional mode as equity × fraction", () => {
    const t = only(runBacktest(makeInput(series, { sizing: { mode: "notional", fraction: 0.5 } })).trades);
    expect(t.qty * t.entryPrice).toBeCloseTo(5_000, 9);
  });

  it("sizes from realised equity at entry", () => {
    const s = buildSeries("30m", [
      [100, 100, 100, 100],
      [100, 102.5, 99.5, 102],
      [100, 100, 100, 100],
      [100, 100.5, 99.5, 100],
    ]);
    const [first, second] = runBacktest(makeInput(s, { entrySignal: signals(4, 0, 2) })).trades;
    if (!first || !second) throw new Error("expected two trades");
    expect(second.qty).toBeCloseTo(((10_000 + first.netPnl) * 0.02) / 1, 9);
  });
});

describe("one position at a time", () => {
  it("blocks signals while open and lets a signal on the exit bar enter at the next open", () => {
    const series = buildSeries("30m", [
      [100, 100, 100, 100],
      [100, 100.5, 99.5, 100], // entry; signal here is blocked
      [100, 102.5, 99.8, 102], // target; signal here enters at bar 3
      [102, 102.2, 101.8, 102],
      [102, 102.2, 101.8, 102],
    ]);
    const run = runBacktest(makeInput(series, { entrySignal: signals(5, 0, 1, 2) }));
    expect(run.trades.map((t) => [t.entryIndex, t.exitIndex, t.reason])).toEqual([
      [1, 2, "target"],
      [3, 4, "end_of_data"],
    ]);
    expect(run.blocked.position_open).toBe(1);
  });

  it("counts a signal without a defined ATR as invalid_stop", () => {
    const series = buildSeries("30m", [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
    ]);
    const run = runBacktest(
      makeInput(series, { atr: new Float64Array([NaN, 1]), exits: { stop: { kind: "atr", multiple: 1 }, target: { kind: "r", multiple: 1 } } }),
    );
    expect(run.trades).toHaveLength(0);
    expect(run.blocked.invalid_stop).toBe(1);
  });
});

describe("equity curve and records", () => {
  it("marks open positions to market at every bar close", () => {
    const series = buildSeries("30m", [
      [100, 100, 100, 100],
      [100, 100.5, 99.5, 100.5],
      [100.5, 101, 100, 101],
    ]);
    const run = runBacktest(makeInput(series, { regimes: new Uint8Array([REGIME.trending, REGIME.choppy, REGIME.choppy]) }));
    const t = only(run.trades);
    expect(Array.from(run.equityTime)).toEqual([T0 + M30, T0 + 2 * M30, T0 + 3 * M30]);
    expect(run.equity[0]).toBe(10_000);
    expect(run.equity[1]).toBeCloseTo(10_000 + 200 * 0.5 - 10, 9);
    expect(run.equity[2]).toBeCloseTo(10_000 + t.netPnl, 9);
    expect(t.regime).toBe(REGIME.trending);
    expect(run.metrics.exposure).toBeCloseTo(2 / 3, 12);
  });

  it("is deterministic", () => {
    const series = buildSeries("30m", [
      [100, 100, 100, 100],
      [100, 103, 98, 101],
      [101, 101, 101, 101],
    ]);
    const a = runBacktest(makeInput(series));
    const b = runBacktest(makeInput(series));
    expect(b).toEqual(a);
  });
});

describe("input validation", () => {
  const series = buildSeries("30m", [[100, 100, 100, 100]]);

  it("rejects misaligned arrays with a typed error", () => {
    let caught: unknown;
    try {
      runBacktest(makeInput(series, { atr: new Float64Array(3) }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BacktestError);
    expect(caught instanceof BacktestError && caught.code).toBe("INPUT_LENGTH_MISMATCH");
  });

  it("rejects non-positive distances and non-positive max hold", () => {
    const bad = makeInput(series, { exits: { stop: { kind: "bps", bps: 0 }, target: { kind: "r", multiple: 2 } } });
    expect(() => runBacktest(bad)).toThrow(BacktestError);
    expect(() => runBacktest(makeInput(series, { maxHoldMinutes: 0 }))).toThrow(BacktestError);
  });
});
