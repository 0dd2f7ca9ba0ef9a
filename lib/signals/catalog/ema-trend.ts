import type { TemplateFamily } from "./template";
import { atrStopAtrTarget, cap, DIRECTIONS, distinct, fundingNote, HOLD_MINUTES, nearest } from "./template";

/** 30m: fast/slow EMA cross in the direction of the long-term SMA, taken only when ADX says a trend exists. */
export const emaTrend: TemplateFamily = {
  key: "ema-trend",
  quick: true,
  generate(config) {
    const r = config.indicatorRanges;
    const fast = Math.min(...r.ema.period);
    const slow = nearest(r.ema.period.filter((p) => p > fast), 20);
    const sma = Math.max(...r.sma.period);
    return distinct(r.adx.trendThreshold).flatMap((adx) =>
      DIRECTIONS.map((d) => ({
        name: `EMA_Trend_30m_${cap(d)}_EMA${fast}_${slow}_ADX${adx}`,
        timeframe: "30m" as const,
        direction: d,
        description: `30m EMA(${fast}) crossing ${d === "long" ? "above" : "below"} EMA(${slow}), close ${d === "long" ? "above" : "below"} SMA(${sma}), ADX(14) over ${adx}.`,
        entryConditions: [
          `EMA(${fast}) crosses ${d === "long" ? "above" : "below"} EMA(${slow})`,
          `Close ${d === "long" ? ">" : "<"} SMA(${sma})`,
          `ADX(${r.adx.period[0] ?? 14}) > ${adx}`,
        ],
        ...atrStopAtrTarget(config, "30m", d, Math.max(...r.atr.stopMultiple), 1.5),
        typicalHoldMinutes: HOLD_MINUTES["30m"],
        expectedAccuracy: 0.45,
        signalType: "trend_following" as const,
        regimeBest: "trending" as const,
        fundingRateConsideration: fundingNote(config, d),
      })),
    );
  },
};
