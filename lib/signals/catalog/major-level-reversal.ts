import type { TemplateFamily } from "./template";
import { atrStopRTarget, cap, distinct, fundingNote, HOLD_MINUTES, nearest } from "./template";

/** 30m: a wick through the 100-bar extreme that closes back inside, with RSI stretched, marks a rejected level. */
export const majorLevelReversal: TemplateFamily = {
  key: "major-level-reversal",
  quick: true,
  generate(config) {
    const r = config.indicatorRanges;
    const rsi = nearest(r.rsi.period, 14);
    const longs = distinct(r.rsi.oversold)
      .filter((v) => v >= 30)
      .map((level) => ({ d: "long" as const, level }));
    const shorts = distinct(r.rsi.overbought)
      .filter((v) => v <= 70)
      .map((level) => ({ d: "short" as const, level }));
    return [...longs, ...shorts].map(({ d, level }) => ({
      name: `Major_Level_Reversal_30m_${cap(d)}_RSI${rsi}_${level}`,
      timeframe: "30m" as const,
      direction: d,
      description: `30m ${d === "long" ? "low tags the prior 100-bar low" : "high tags the prior 100-bar high"} but the bar closes back inside, RSI(${rsi}) ${d === "long" ? "under" : "over"} ${level}: level rejection.`,
      entryConditions:
        d === "long"
          ? ["Low <= Lowest(100)", "Close > Lowest(100)", `RSI(${rsi}) < ${level}`]
          : ["High >= Highest(100)", "Close < Highest(100)", `RSI(${rsi}) > ${level}`],
      ...atrStopRTarget(config, "30m", d, nearest(r.atr.stopMultiple, 1), 2),
      typicalHoldMinutes: HOLD_MINUTES["30m"],
      expectedAccuracy: 0.55,
      signalType: "mean_reversion" as const,
      regimeBest: "ranging" as const,
      fundingRateConsideration: fundingNote(config, d),
    }));
  },
};
