import type { TemplateFamily } from "./template";
import { atrStopRTarget, cap, DIRECTIONS, distinct, fundingNote, HOLD_MINUTES } from "./template";

/** 2m: a range break backed by accumulating OBV while volatility expands tends to run for a few bars. */
export const obvMomentumBurst: TemplateFamily = {
  key: "obv-momentum-burst",
  quick: false,
  generate(config) {
    const atr = config.indicatorRanges.atr.period[0] ?? 14;
    return distinct([10, 20]).flatMap((lookback) =>
      DIRECTIONS.map((d) => ({
        name: `OBV_Burst_2m_${cap(d)}_Break${lookback}`,
        timeframe: "2m" as const,
        direction: d,
        description: `2m close beyond the prior ${lookback}-bar ${d === "long" ? "high" : "low"} with OBV ${d === "long" ? "rising" : "falling"} over 5 bars and ATR(${atr}) above 1.2x its average: ride the burst.`,
        entryConditions: [
          d === "long" ? `Close > Highest(${lookback})` : `Close < Lowest(${lookback})`,
          `OBV ${d === "long" ? "rising" : "falling"} 5`,
          `ATR(${atr}) > 1.2x ATR(${atr}) average`,
        ],
        ...atrStopRTarget(config, "2m", d, 1, 2),
        typicalHoldMinutes: HOLD_MINUTES["2m"],
        expectedAccuracy: 0.45,
        signalType: "momentum" as const,
        regimeBest: "trending" as const,
        fundingRateConsideration: fundingNote(config, d),
      })),
    );
  },
};
