import { D0, HOUR_MS } from "@/lib/analysis/testing/test-trades";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { REGIME } from "@/lib/backtest/regime-codes";
import type { Trade } from "@/lib/backtest/types";
import { SeededRandom } from "@/lib/market/seeded-random";
import { type Hypothesis, hypothesisSchema } from "@/lib/signals/hypothesis";
import type { TuningMember } from "../parameter-tuning";

const BAR_MS = 5 * 60_000;
const ENTRY_PRICE = 100;
/** Stop one price unit away, so a trade's quantity is its risk in quote. */
const STOP_DISTANCE = 1;

/** A 5m RSI-reversal family member with oversold level `level`; ids given, so tests can order them. */
export function tuningHypothesis(id: string, level: number): Hypothesis {
  return hypothesisSchema.parse({
    id,
    name: `RSI14_Oversold${level}_5m_Reversal_Long`,
    timeframe: "5m",
    direction: "long",
    description: `RSI(14) below ${level} with a bullish candle.`,
    entryConditions: [`RSI(14) < ${level}`, "Close > Open"],
    stopLoss: "1.5 ATR below entry",
    target: "1.5R",
    typicalHoldMinutes: [10, 90],
    slippagePips: 1,
    expectedAccuracy: 0.55,
    signalType: "mean_reversion",
    indicatorsUsed: ["RSI"],
    regimeBest: "ranging",
    fundingRateConsideration: "none",
  });
}

/** Trade outcomes in R: the target (+rewardR) with probability `winProbability`, else the stop (−1). */
export function bernoulliOutcomes(seed: string, count: number, winProbability: number, rewardR = 1.5): number[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: count }, () => (rng.next() < winProbability ? rewardR : -1));
}

export interface MemberRunOptions {
  readonly days: number;
  /** Day of the first trade (default 0): the run still starts at D0. */
  readonly firstDay?: number;
  readonly tradesPerDay?: number;
  readonly startingEquity?: number;
  readonly riskFraction?: number;
}

/**
 * A member's run as the engine would report it: `tradesPerDay` trades a day from day `firstDay` (entries at 01:00,
 * 07:00, 13:00 UTC, two hours each, so none spans a midnight), outcome i taken from `outcomesR`, each risking
 * `riskFraction` of the realised equity it was decided on, with fees (0.04 R a side), funding (0.01 R) and slippage
 * reported (0.02 R) scaling with it; equity marked at every exit. Outcomes beyond the run's days are ignored.
 */
export function memberRun(hypothesis: Hypothesis, outcomesR: readonly number[], options: MemberRunOptions): TuningMember {
  const perDay = options.tradesPerDay ?? 3;
  if (perDay > 3) throw new RangeError("at most 3 trades a day fit between 01:00 and 15:00");
  const startingEquity = options.startingEquity ?? 10_000;
  const riskFraction = options.riskFraction ?? 0.02;
  const trades: Trade[] = [];
  const time: number[] = [];
  const equity: number[] = [];
  let level = startingEquity;
  const firstDay = options.firstDay ?? 0;
  const count = Math.min(outcomesR.length, (options.days - firstDay) * perDay);
  for (let i = 0; i < count; i++) {
    const R = outcomesR[i] as number;
    const entryTime = D0 + (firstDay + Math.floor(i / perDay)) * DAY_MS + (1 + 6 * (i % perDay)) * HOUR_MS;
    const exitTime = entryTime + 2 * HOUR_MS;
    const risk = level * riskFraction;
    const fee = 0.04 * risk;
    const funding = 0.01 * risk;
    const grossPnl = R * risk;
    const netPnl = grossPnl - 2 * fee - funding;
    trades.push({
      legId: "BTCUSDT.P",
      side: "long",
      entryIndex: (entryTime - D0) / BAR_MS,
      exitIndex: (exitTime - D0) / BAR_MS,
      entryTime,
      exitTime,
      entryPrice: ENTRY_PRICE,
      exitPrice: ENTRY_PRICE + R * STOP_DISTANCE,
      qty: risk / STOP_DISTANCE,
      stop: ENTRY_PRICE - STOP_DISTANCE,
      target: ENTRY_PRICE + 1.5 * STOP_DISTANCE,
      reason: R > 0 ? "target" : "stop",
      entryFee: fee,
      exitFee: fee,
      funding,
      slippageCost: 0.02 * risk,
      grossPnl,
      netPnl,
      r: netPnl / risk,
      regime: REGIME.ranging,
      barsHeld: (exitTime - entryTime) / BAR_MS,
      ambiguity: "none",
    });
    level += netPnl;
    time.push(exitTime);
    equity.push(level);
  }
  return { hypothesis, trades, equity: { time, equity }, fromTime: D0, toTime: D0 + options.days * DAY_MS, startingEquity };
}
