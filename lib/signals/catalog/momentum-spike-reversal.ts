import type { TemplateFamily } from "./template";
import { atrStopRTarget, averageWord, cap, DIRECTIONS, distinct, fundingNote, HOLD_MINUTES } from "./template";

/** 2m: a capitulation bar (new 20-bar extreme on a volume spike, RSI pinned) tends to snap back. */
export const momentumSpikeReversal: TemplateFamily = {
  key: "momentum-spike-reversal",
  quick: true,
  generate(config) {
    const r = config.indicatorRanges;
    const rsi = Math.min(...r.rsi.period);
    const oversold = Math.min(...r.rsi.oversold);
    const overbought = Math.max(...r.rsi.overbought);
    const avg = averageWord(r.volume.averagePeriod[0] ?? 20);
    return distinct(r.volume.spikeMultiple).flatMap((spike) =>
      DIRECTIONS.map((d) => ({
        name: `Spike_Reversal_2m_${cap(d)}_RSI${rsi}_Vol${spike}x`,
        timeframe: "2m" as const,
        direction: d,
        description:
          d === "long"
            ? `2m flush below the prior 20-bar low on ${spike}x average volume with RSI(${rsi}) under ${oversold}: fade the panic.`
            : `2m spike above the prior 20-bar high on ${spike}x average volume with RSI(${rsi}) over ${overbought}: fade the squeeze.`,
        entryConditions:
          d === "long"
            ? ["Close < Lowest(20)", `Volume > ${spike}x ${avg}`, `RSI(${rsi}) < ${oversold}`]
            : ["Close > Highest(20)", `Volume > ${spike}x ${avg}`, `RSI(${rsi}) > ${overbought}`],
        ...atrStopRTarget(config, "2m", d, 1, 2),
        typicalHoldMinutes: HOLD_MINUTES["2m"],
        expectedAccuracy: 0.52,
        signalType: "mean_reversion" as const,
        regimeBest: "ranging" as const,
        fundingRateConsideration: fundingNote(config, d),
      })),
    );
  },
};
