import type { TemplateFamily } from "./template";
import { atrStopRTarget, cap, DIRECTIONS, distinct, fundingNote, HOLD_MINUTES } from "./template";

/** 30m trend → 15m pullback → 5m trigger: enter a dip inside a higher-timeframe trend when the 5m turns back. */
export const trendPullback: TemplateFamily = {
  key: "trend-pullback",
  quick: true,
  generate(config) {
    const r = config.indicatorRanges;
    const trendPeriods = distinct(r.sma.period).filter((p) => p >= 50);
    const trigger = Math.min(...r.ema.period);
    const stop = Math.min(...r.atr.stopMultiple);
    return (trendPeriods.length > 0 ? trendPeriods : [50]).flatMap((sma) =>
      DIRECTIONS.map((d) => ({
        name: `Trend_Pullback_5m_${cap(d)}_SMA${sma}_EMA${trigger}`,
        timeframe: "5m" as const,
        direction: d,
        description: `30m close ${d === "long" ? "above" : "below"} SMA(${sma}) (trend), 15m RSI(14) ${d === "long" ? "under 45" : "over 55"} (pullback), 5m close crossing ${d === "long" ? "above" : "below"} EMA(${trigger}) (trigger).`,
        entryConditions:
          d === "long"
            ? [`30m: Close > SMA(${sma})`, "15m: RSI(14) < 45", `Close crosses above EMA(${trigger})`]
            : [`30m: Close < SMA(${sma})`, "15m: RSI(14) > 55", `Close crosses below EMA(${trigger})`],
        ...atrStopRTarget(config, "5m", d, stop, 2),
        typicalHoldMinutes: HOLD_MINUTES["5m"],
        expectedAccuracy: 0.5,
        signalType: "trend_following" as const,
        regimeBest: "trending" as const,
        fundingRateConsideration: fundingNote(config, d),
      })),
    );
  },
};
