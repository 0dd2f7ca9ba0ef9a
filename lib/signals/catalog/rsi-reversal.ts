import type { TemplateFamily } from "./template";
import { atrStopRTarget, cap, distinct, fundingNote, HOLD_MINUTES, nearest } from "./template";

/** 5m: RSI beyond a threshold plus a candle closing back the other way marks an exhausted push. */
export const rsiReversal: TemplateFamily = {
  key: "rsi-reversal",
  quick: true,
  generate(config) {
    const r = config.indicatorRanges;
    const period = nearest(r.rsi.period, 14);
    const stop = nearest(r.atr.stopMultiple, 1.5);
    const longs = distinct(r.rsi.oversold).map((level) => ({ d: "long" as const, level }));
    const shorts = distinct(r.rsi.overbought).map((level) => ({ d: "short" as const, level }));
    return [...longs, ...shorts].map(({ d, level }) => ({
      name: `RSI${period}_${d === "long" ? "Oversold" : "Overbought"}${level}_5m_Reversal_${cap(d)}`,
      timeframe: "5m" as const,
      direction: d,
      description: `5m RSI(${period}) ${d === "long" ? "below" : "above"} ${level} with a ${d === "long" ? "bullish" : "bearish"} candle: mean reversion toward the middle.`,
      entryConditions: d === "long" ? [`RSI(${period}) < ${level}`, "Close > Open"] : [`RSI(${period}) > ${level}`, "Close < Open"],
      ...atrStopRTarget(config, "5m", d, stop, 1.5),
      typicalHoldMinutes: HOLD_MINUTES["5m"],
      expectedAccuracy: 0.55,
      signalType: "mean_reversion" as const,
      regimeBest: "ranging" as const,
      fundingRateConsideration: fundingNote(config, d),
    }));
  },
};
