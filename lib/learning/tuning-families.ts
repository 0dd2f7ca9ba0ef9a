import { parameterFamilyKey } from "@/lib/analysis/parameter-heatmap";
import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { Direction, Hypothesis } from "@/lib/signals/hypothesis";

/** Hypotheses whose rules are the same text up to their numbers (one template over config.indicatorRanges). */
export interface TuningFamily {
  /** The parameter heatmap's family key: timeframe, direction and the rules with every number as #. */
  readonly key: string;
  readonly timeframe: TradingTimeframe;
  readonly direction: Direction;
  /** In id order (code units), so the same batch gives the same family however its hypotheses were listed. */
  readonly members: readonly Hypothesis[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rule texts the family key reads, in the order the Edge page's heatmaps read them. */
const familyRules = (h: Hypothesis): string[] => [...h.entryConditions, h.stopLoss, h.target];

/**
 * The families a parameter can be tuned over: the heatmap's families with at least two members, in key order. Learned
 * variants are left out: a tuned or meta-labelled variant trades its base's rules and would otherwise join (and
 * duplicate) the family it came from. A repeated id counts once.
 */
export function tuningFamilies(hypotheses: readonly Hypothesis[]): TuningFamily[] {
  const byKey = new Map<string, Map<string, Hypothesis>>();
  for (const h of hypotheses) {
    if (h.learned) continue;
    const key = parameterFamilyKey({ timeframe: h.timeframe, direction: h.direction, rules: familyRules(h) });
    const members = byKey.get(key) ?? new Map<string, Hypothesis>();
    if (!members.has(h.id)) members.set(h.id, h);
    byKey.set(key, members);
  }
  const families: TuningFamily[] = [];
  for (const [key, members] of byKey) {
    if (members.size < 2) continue;
    const sorted = [...members.values()].sort((a, b) => compareText(a.id, b.id));
    const first = sorted[0] as Hypothesis;
    families.push({ key, timeframe: first.timeframe, direction: first.direction, members: sorted });
  }
  return families.sort((a, b) => compareText(a.key, b.key));
}
