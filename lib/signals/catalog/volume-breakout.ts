import type { TemplateFamily } from "./template";
import { atrStopRTarget, averageWord, cap, DIRECTIONS, distinct, fundingNote, HOLD_MINUTES } from "./template";

/** 15m: a close beyond the prior 20-bar range on heavy volume with ADX confirming a trend is a real breakout. */
export const volumeBreakout: TemplateFamily = {
  key: "volume-breakout",
  quick: true,
  generate(config) {
    const r = config.indicatorRanges;
    const adxPeriod = r.adx.period[0] ?? 14;
    const adx = Math.min(...r.adx.trendThreshold);
    const avg = averageWord(r.volume.averagePeriod[0] ?? 20);
    return distinct(r.volume.spikeMultiple).flatMap((spike) =>
      DIRECTIONS.map((d) => ({
        name: `Volume_Breakout_15m_${cap(d)}_Vol${spike}x_ADX${adx}`,
        timeframe: "15m" as const,
        direction: d,
        description: `15m close ${d === "long" ? "above the prior 20-bar high" : "below the prior 20-bar low"} on ${spike}x average volume with ADX(${adxPeriod}) over ${adx}.`,
        entryConditions: [
          d === "long" ? "Close > Highest(20)" : "Close < Lowest(20)",
          `Volume > ${spike}x ${avg}`,
          `ADX(${adxPeriod}) > ${adx}`,
        ],
        ...atrStopRTarget(config, "15m", d, Math.min(...r.atr.stopMultiple), 2),
        typicalHoldMinutes: HOLD_MINUTES["15m"],
        expectedAccuracy: 0.45,
        signalType: "breakout" as const,
        regimeBest: "trending" as const,
        fundingRateConsideration: fundingNote(config, d),
      })),
    );
  },
};
