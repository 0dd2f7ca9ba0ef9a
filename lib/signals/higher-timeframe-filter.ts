import { TREND_ADX } from "@/lib/config-schema";
import { hypothesisId, type Hypothesis } from "@/lib/signals/hypothesis";

/**
 * The cross-timeframe confirmation filter: a 30m trend (close beyond SMA(50) with ADX(14) > 25, on the trade's side)
 * for every hypothesis below 30m, plus a 15m confirmation (close beyond EMA(20)) for 2m and 5m. Rules on a higher
 * timeframe read only its closed bars. Undefined for 30m hypotheses: nothing above them to confirm with.
 */
export function withHigherTimeframeFilter(h: Hypothesis): Hypothesis | undefined {
  if (h.timeframe === "30m") return undefined;
  const above = h.direction === "long" ? ">" : "<";
  const extra = [`30m: Close ${above} SMA(50)`, `30m: ADX(${TREND_ADX.period}) > ${TREND_ADX.level}`];
  if (h.timeframe === "2m" || h.timeframe === "5m") extra.push(`15m: Close ${above} EMA(20)`);
  const entryConditions = [...h.entryConditions, ...extra];
  return { ...h, id: hypothesisId({ ...h, entryConditions }), name: `${h.name}_HTF`, entryConditions };
}
