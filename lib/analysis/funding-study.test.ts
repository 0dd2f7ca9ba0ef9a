import { FundingIntervalError } from "@/lib/market/funding-interval";
import { describe, expect, it } from "vitest";
import { toCandleSeries, toFundingSeries } from "@/lib/market/series";
import { AnalysisError } from "./errors";
import { fundingCostShare } from "./funding-cost-share";
import { DEFAULT_FUNDING_BANDS, classifyFunding, fundingIntervalMs, normaliseTo8h } from "./funding-classification";
import { claimVerdict } from "./claim-verdict";
import { fundingReversalStudy } from "./funding-study";
import { twoProportionTest } from "./two-proportion-test";
import { wilsonInterval } from "./wilson-interval";
import { D0, HOUR_MS } from "./testing/test-trades";

describe("funding classification", () => {
  it("classifies on the band edges as documented", () => {
    const cases: [number, string][] = [
      [-0.00021, "extreme_bearish"],
      [-0.0002, "neutral"],
      [-0.0001, "neutral"],
      [0.00009, "neutral"],
      [0.0001, "moderate_bullish"],
      [0.0002, "moderate_bullish"],
      [0.00021, "elevated_bullish"],
      [0.0003, "elevated_bullish"],
      [0.00031, "extreme_bullish"],
    ];
    for (const [rate, cls] of cases) expect(classifyFunding(rate), `rate ${rate}`).toBe(cls);
  });

  it("band edges are a parameter", () => {
    expect(classifyFunding(0.00025, { ...DEFAULT_FUNDING_BANDS, extremeBullishAbove: 0.00024 })).toBe("extreme_bullish");
  });

  it("normalises to 8h: hourly × 8, 4-hourly × 2, 8-hourly unchanged, landing exactly on edges", () => {
    expect(normaliseTo8h(0.0000375, HOUR_MS)).toBe(0.0003);
    expect(normaliseTo8h(0.00015, 4 * HOUR_MS)).toBe(0.0003);
    expect(normaliseTo8h(0.0003, 8 * HOUR_MS)).toBe(0.0003);
    expect(() => normaliseTo8h(0.0001, 0)).toThrow(FundingIntervalError);
  });

  it("detects the interval as the median spacing, robust to a missing event", () => {
    const hourly = toFundingSeries("X", [0, 1, 2, 4, 5].map((h) => ({ time: D0 + h * HOUR_MS, rate: 0 })));
    expect(fundingIntervalMs(hourly)).toBe(HOUR_MS);
    const eightHourly = toFundingSeries("X", [0, 8, 16, 24].map((h) => ({ time: D0 + h * HOUR_MS, rate: 0 })));
    expect(fundingIntervalMs(eightHourly)).toBe(8 * HOUR_MS);
    expect(() => fundingIntervalMs(toFundingSeries("X", [{ time: D0, rate: 0 }]))).toThrow(FundingIntervalError);
  });
});

describe("funding reversal study", () => {
  // 72 hourly candles from D0; close[k] falls 100 → 64 until k = 36, then rises by 1 an hour (V shape).
  // Candle k closes at (k + 1) h, so the price known at τ = 8j h is close[8j − 1].
  const close = (k: number) => (k < 36 ? 100 - k : 64 + (k - 36));
  const candles = toCandleSeries(
    "BTCUSDT.P",
    "1h",
    Array.from({ length: 72 }, (_, k) => ({ time: D0 + k * HOUR_MS, open: close(k), high: close(k), low: close(k), close: close(k), volume: 1 })),
  );
  // Events every 8h at 0 … 64 h.
  const rates = [0.0001, 0.0005, -0.0003, 0.00015, 0.00025, 0.0004, -0.00025, -0.0002, 0.00031];
  const funding = toFundingSeries("BTCUSDT.P", rates.map((rate, j) => ({ time: D0 + 8 * j * HOUR_MS, rate })));
  const study = fundingReversalStudy(funding, candles);

  it("counts classes on the 8h-equivalent rate", () => {
    expect(study.intervalMs).toBe(8 * HOUR_MS);
    expect(study.to8hFactor).toBe(1);
    expect(study.classCounts).toEqual({ extreme_bearish: 2, neutral: 1, moderate_bullish: 2, elevated_bullish: 1, extreme_bullish: 3 });
  });

  it("extreme_bullish: only the event at 8h (falling market) reverses; 64h + 24h runs past the data", () => {
    // τ = 8h: close[7] = 93 → h = 1, 4, 8, 24: close[8] 92, close[11] 89, close[15] 85, close[31] 69 — all fell.
    // τ = 40h: close[39] = 67 → 68, 71, 75, 91 — rose. τ = 64h: close[63] = 91 → 92, 95, 99; 88h is past 72h.
    const cells = study.reversal.extreme_bullish;
    expect(cells.map((c) => [c.horizonHours, c.events, c.reversals, c.excludedBeyondData])).toEqual([
      [1, 3, 1, 0],
      [4, 3, 1, 0],
      [8, 3, 1, 0],
      [24, 2, 1, 1],
    ]);
    expect(cells[0]?.probability).toBeCloseTo(1 / 3, 12);
    expect(cells[0]?.claimed).toBe(0.7);
    expect(cells[0]?.verdict, "1 of 3: CI ≈ [0.06, 0.79] straddles 0.70").toBe("inconclusive");
  });

  it("extreme_bearish: the event in the fall does not bounce, the one in the rise does", () => {
    // τ = 16h: close[15] = 85 → 84, 81, 77, 67 (kept falling). τ = 48h: close[47] = 75 → 76, 79, 83, 99 (bounced; 72h is the last close).
    expect(study.reversal.extreme_bearish.map((c) => [c.events, c.reversals, c.excludedBeyondData])).toEqual([
      [2, 1, 0],
      [2, 1, 0],
      [2, 1, 0],
      [2, 1, 0],
    ]);
  });

  it("hourly funding is normalised before classifying; events with no closed candle yet are excluded as missing", () => {
    // Hourly 0.00005 = 0.0004 per 8h: extreme_bullish at every hour 0..4. At τ = 0 no candle has closed yet.
    const hourly = toFundingSeries("X", [0, 1, 2, 3, 4].map((h) => ({ time: D0 + h * HOUR_MS, rate: 0.00005 })));
    const s = fundingReversalStudy(hourly, candles, { horizonsHours: [1] });
    expect(s.to8hFactor).toBe(8);
    expect(s.classCounts.extreme_bullish).toBe(5);
    const cell = s.reversal.extreme_bullish[0];
    expect([cell?.events, cell?.reversals, cell?.excludedMissingPrice]).toEqual([4, 4, 1]);
  });

  it("a gap in the candles makes the price missing rather than stale", () => {
    const gappy = toCandleSeries("X", "1h", [0, 1, 5, 6, 7].map((k) => ({ time: D0 + k * HOUR_MS, open: 1, high: 1, low: 1, close: 1 + k, volume: 1 })));
    const events = toFundingSeries("X", [{ time: D0 + 4 * HOUR_MS, rate: 0.001 }, { time: D0 + 6 * HOUR_MS, rate: 0.001 }]);
    const cell = fundingReversalStudy(events, gappy, { horizonsHours: [1] }).reversal.extreme_bullish[0];
    // τ = 4h: last close at 2h is a whole bar old → missing. τ = 6h: close[5] = 6 → 7h: close[6] = 7, rose.
    expect([cell?.events, cell?.reversals, cell?.excludedMissingPrice]).toEqual([1, 0, 1]);
  });

  it("baseline: the same move after every other funding event, tested against the extremes; firstOfRun keeps one per run", () => {
    // Runs of extremes at 8–24h and 40–48h; the others at 0h (no candle closed yet), 32h and 56h.
    const E = 0.0005;
    const runs = toFundingSeries("BTCUSDT.P", [0.0001, E, E, E, 0.0001, E, E, 0.0001].map((rate, j) => ({ time: D0 + 8 * j * HOUR_MS, rate })));
    const cell = fundingReversalStudy(runs, candles, { horizonsHours: [8] }).reversal.extreme_bullish[0];
    // τ = 8, 16, 24h fall by 8 each over 8h (reversals); τ = 40, 48h rise. Of the others, 32h falls (69 → 67), 56h rises.
    expect([cell?.events, cell?.reversals]).toEqual([5, 3]);
    expect(cell?.baseline).toEqual({ events: 2, moves: 1, probability: 0.5, ci: wilsonInterval(1, 2) });
    expect(cell?.versusBaseline).toEqual(twoProportionTest(3, 5, 1, 2));
    expect(cell?.firstOfRun, "8h reversed, 40h did not").toMatchObject({ events: 2, reversals: 1, probability: 0.5, ci: wilsonInterval(1, 2), verdict: "inconclusive" });
  });

  it("reads bars of any length given as closes, and refuses a horizon shorter than one bar", () => {
    // 8-hour bars opening at each settlement, as the cross-exchange file holds them: close[k] is the price at (k + 1) × 8h.
    const bars = { length: 4, time: [0, 1, 2, 3].map((k) => D0 + 8 * k * HOUR_MS), close: [100, 90, 95, 99], barMs: 8 * HOUR_MS };
    const events = toFundingSeries("X", [1, 2, 3].map((k) => ({ time: D0 + 8 * k * HOUR_MS, rate: 0.001 })));
    const cell = fundingReversalStudy(events, bars, { horizonsHours: [8] }).reversal.extreme_bullish[0];
    // τ = 8h: 100 → 90 fell; τ = 16h: 90 → 95 rose; τ = 24h: 95 → 99 rose.
    expect([cell?.events, cell?.reversals, cell?.excludedBeyondData]).toEqual([3, 1, 0]);
    expect(() => fundingReversalStudy(events, bars, { horizonsHours: [4] })).toThrow(AnalysisError);
    expect(() => fundingReversalStudy(events, bars, { horizonsHours: [4] })).toThrow("horizon 4h is shorter than the 8h bars");
  });

  it("claim verdict: supported when the CI is at or above the claim, contradicted when wholly below", () => {
    expect(claimVerdict({ lower: 0.7, upper: 0.9 }, 0.7)).toBe("supported");
    expect(claimVerdict({ lower: 0.4, upper: 0.69 }, 0.7)).toBe("contradicted");
    expect(claimVerdict({ lower: 0.6, upper: 0.8 }, 0.7)).toBe("inconclusive");
    expect(claimVerdict(null, 0.7)).toBe("inconclusive");
  });

  it("serialises as JSON", () => {
    expect(JSON.parse(JSON.stringify(study))).toEqual(study);
  });
});

describe("funding share of costs", () => {
  it("sums per timeframe and divides funding by fees + funding + slippage", () => {
    const shares = fundingCostShare([
      { timeframe: "5m", metrics: { feesPaid: 60, fundingPaid: 10, slippageCost: 10 } },
      { timeframe: "30m", metrics: { feesPaid: 20, fundingPaid: 30, slippageCost: 0 } },
      { timeframe: "5m", metrics: { feesPaid: 20, fundingPaid: -5, slippageCost: 5 } },
      { timeframe: "2m", metrics: { feesPaid: 0, fundingPaid: 0, slippageCost: 0 } },
    ]);
    expect(shares).toEqual([
      { timeframe: "5m", runs: 2, feesPaid: 80, fundingPaid: 5, slippageCost: 15, totalCost: 100, fundingShare: 0.05 },
      { timeframe: "30m", runs: 1, feesPaid: 20, fundingPaid: 30, slippageCost: 0, totalCost: 50, fundingShare: 0.6 },
      { timeframe: "2m", runs: 1, feesPaid: 0, fundingPaid: 0, slippageCost: 0, totalCost: 0, fundingShare: null },
    ]);
  });
});
