import { type AppConfig, TREND_ADX } from "@/lib/config-schema";
import type { Direction } from "../hypothesis";
import type { HypothesisDraft, TemplateFamily } from "./template";
import { atrStopAtrTarget, atrStopRTarget, averageWord, cap, DIRECTIONS, fundingNote, HOLD_MINUTES } from "./template";

function scalp(config: AppConfig, d: Direction): HypothesisDraft {
  const avg = averageWord(config.indicatorRanges.volume.averagePeriod[0] ?? 20);
  return {
    name: `MTF_Confluence_2m_${cap(d)}_5m_RSI_15m_EMA50`,
    timeframe: "2m",
    direction: d,
    description: `2m close crossing ${d === "long" ? "above" : "below"} EMA(20) on volume, with 5m RSI(14) ${d === "long" ? "under 40" : "over 60"} and the 15m close ${d === "long" ? "above" : "below"} EMA(50).`,
    entryConditions:
      d === "long"
        ? ["15m: Close > EMA(50)", "5m: RSI(14) < 40", "Close crosses above EMA(20)", `Volume > 1.5x ${avg}`]
        : ["15m: Close < EMA(50)", "5m: RSI(14) > 60", "Close crosses below EMA(20)", `Volume > 1.5x ${avg}`],
    ...atrStopRTarget(config, "2m", d, 1, 2),
    typicalHoldMinutes: HOLD_MINUTES["2m"],
    expectedAccuracy: 0.5,
    signalType: "confluence",
    regimeBest: "trending",
    fundingRateConsideration: fundingNote(config, d),
  };
}

const TREND = `ADX(${TREND_ADX.period}) > ${TREND_ADX.level}`;

function swing(config: AppConfig, d: Direction): HypothesisDraft {
  return {
    name: `MTF_Confluence_15m_${cap(d)}_30m_EMA_ADX`,
    timeframe: "15m",
    direction: d,
    description: `15m EMA(9) crossing ${d === "long" ? "above" : "below"} EMA(20) while on 30m EMA(20) is ${d === "long" ? "above" : "below"} EMA(50) and ${TREND}.`,
    entryConditions:
      d === "long"
        ? ["30m: EMA(20) > EMA(50)", `30m: ${TREND}`, "EMA(9) crosses above EMA(20)", "RSI(14) < 70"]
        : ["30m: EMA(20) < EMA(50)", `30m: ${TREND}`, "EMA(9) crosses below EMA(20)", "RSI(14) > 30"],
    ...atrStopAtrTarget(config, "15m", d, 1.5, 1.5),
    typicalHoldMinutes: HOLD_MINUTES["15m"],
    expectedAccuracy: 0.5,
    signalType: "confluence",
    regimeBest: "trending",
    fundingRateConsideration: fundingNote(config, d),
  };
}

/** Several timeframes agreeing: a lower-timeframe trigger taken only in the direction the higher ones lean. */
export const mtfConfluence: TemplateFamily = {
  key: "mtf-confluence",
  quick: false,
  generate: (config) => [...DIRECTIONS.map((d) => scalp(config, d)), ...DIRECTIONS.map((d) => swing(config, d))],
};
