import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { TemplateFamily } from "./template";
import { atrStopRTarget, averageWord, cap, DIRECTIONS, distinct, fundingNote, HOLD_MINUTES, nearest } from "./template";

const TIMEFRAMES: readonly TradingTimeframe[] = ["5m", "15m"];

/** A close through a band while band width is still below its average: the first bar out of a squeeze. */
export const bollingerSqueeze: TemplateFamily = {
  key: "bollinger-squeeze",
  quick: false,
  generate(config) {
    const r = config.indicatorRanges;
    const period = nearest(r.bollinger.period, 20);
    return TIMEFRAMES.flatMap((tf) =>
      distinct(r.bollinger.stdDev).flatMap((k) =>
        DIRECTIONS.map((d) => {
          const bb = `BB(${period},${k})`;
          return {
            name: `BB_Squeeze_Breakout_${tf}_${cap(d)}_${period}_${k}`,
            timeframe: tf,
            direction: d,
            description: `${tf} close crossing ${d === "long" ? "above the upper" : "below the lower"} ${bb} band while band width is below its 20-bar average, on a volume spike.`,
            entryConditions: [
              d === "long" ? `Close crosses above ${bb}.upper` : `Close crosses below ${bb}.lower`,
              `${bb}.width < ${bb}.width average`,
              `Volume > ${nearest(r.volume.spikeMultiple, 1.5)}x ${averageWord(r.volume.averagePeriod[0] ?? 20)}`,
            ],
            ...atrStopRTarget(config, tf, d, nearest(r.atr.stopMultiple, 1.5), 2),
            typicalHoldMinutes: HOLD_MINUTES[tf],
            expectedAccuracy: 0.45,
            signalType: "breakout" as const,
            regimeBest: "ranging" as const,
            fundingRateConsideration: fundingNote(config, d),
          };
        }),
      ),
    );
  },
};
