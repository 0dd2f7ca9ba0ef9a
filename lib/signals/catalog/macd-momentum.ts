import { TREND_ADX } from "@/lib/config-schema";
import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { TemplateFamily } from "./template";
import { atrStopRTarget, cap, DIRECTIONS, fundingNote, HOLD_MINUTES, nearest } from "./template";

const TIMEFRAMES: readonly TradingTimeframe[] = ["15m", "30m"];

/** MACD histogram turning positive (negative) on the right side of EMA(50) with ADX showing a trend. */
export const macdMomentum: TemplateFamily = {
  key: "macd-momentum",
  quick: true,
  generate(config) {
    const r = config.indicatorRanges;
    const macd = `MACD(${r.macd.fast[0] ?? 12},${r.macd.slow[0] ?? 26},${r.macd.signal[0] ?? 9})`;
    const ema = Math.max(...r.ema.period);
    const adx = nearest(r.adx.trendThreshold, TREND_ADX.level);
    return TIMEFRAMES.flatMap((tf) =>
      DIRECTIONS.map((d) => ({
        name: `MACD_Momentum_${tf}_${cap(d)}_EMA${ema}_ADX${adx}`,
        timeframe: tf,
        direction: d,
        description: `${tf} ${macd} histogram crossing ${d === "long" ? "above" : "below"} zero with close ${d === "long" ? "above" : "below"} EMA(${ema}) and ADX(14) over ${adx}.`,
        entryConditions: [
          `${macd}.histogram crosses ${d === "long" ? "above" : "below"} 0`,
          `Close ${d === "long" ? ">" : "<"} EMA(${ema})`,
          `ADX(${r.adx.period[0] ?? 14}) > ${adx}`,
        ],
        ...atrStopRTarget(config, tf, d, nearest(r.atr.stopMultiple, 1.5), 1.5),
        typicalHoldMinutes: HOLD_MINUTES[tf],
        expectedAccuracy: 0.48,
        signalType: "momentum" as const,
        regimeBest: "trending" as const,
        fundingRateConsideration: fundingNote(config, d),
      })),
    );
  },
};
