import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { TemplateFamily } from "./template";
import { bpsExits, distinct, HOLD_MINUTES } from "./template";

const TIMEFRAMES: readonly TradingTimeframe[] = ["30m", "15m", "5m"];
/** Fixed stops sized to each timeframe's typical swing, in basis points of price. */
const STOP_BPS: Record<TradingTimeframe, number> = { "2m": 20, "5m": 30, "15m": 50, "30m": 80 };

/** Extreme funding means one side is crowded and paying; fade it once RSI agrees the move is stretched. */
export const fundingExtreme: TemplateFamily = {
  key: "funding-extreme",
  quick: true,
  generate(config) {
    const f = config.indicatorRanges.funding;
    const cases = [
      ...distinct(f.extremeHigh).map((level) => ({ d: "short" as const, level, rule: `Funding > ${level}`, rsi: "RSI(14) > 60" })),
      ...distinct(f.extremeLow).map((level) => ({ d: "long" as const, level, rule: `Funding < ${level}`, rsi: "RSI(14) < 40" })),
    ];
    return TIMEFRAMES.flatMap((tf) =>
      cases.map(({ d, level, rule, rsi }) => ({
        name: `Funding_Extreme_${tf}_${d === "long" ? "Long_Negative" : "Short_Positive"}_${level}`,
        timeframe: tf,
        direction: d,
        description: `${tf}: funding ${d === "short" ? "above" : "below"} ${level} (${d === "short" ? "longs" : "shorts"} crowded) with ${rsi}: fade the crowded side.`,
        entryConditions: [rule, rsi],
        ...bpsExits(config, tf, STOP_BPS[tf], 1.5),
        typicalHoldMinutes: HOLD_MINUTES[tf],
        expectedAccuracy: 0.52,
        signalType: "funding" as const,
        regimeBest: "any" as const,
        fundingRateConsideration: `The signal itself: entered only when funding is ${d === "short" ? "above" : "below"} ${level}; the position collects funding while it holds.`,
      })),
    );
  },
};
