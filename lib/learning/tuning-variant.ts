import { createHash } from "node:crypto";
import { type Hypothesis, hypothesisSchema } from "@/lib/signals/hypothesis";
import { LearningError } from "./errors";

const NUMBER = /\d+(?:\.\d+)?/g;

/**
 * The name the family's members share: their names with the numbers that differ between them left out
 * (`RSI14_Oversold20_5m_Reversal_Long`, `RSI14_Oversold25_…` → `RSI14_Oversold_5m_Reversal_Long`), with the separators
 * around a dropped number merged. Names that differ in more than their numbers have no such common form; the first
 * member's name stands for them.
 */
function familyName(names: readonly string[]): string {
  const first = names[0] ?? "";
  const texts = first.split(NUMBER);
  const numbers = names.map((n) => n.match(NUMBER) ?? []);
  if (names.some((n) => n.split(NUMBER).join("#") !== texts.join("#"))) return first;
  const kept = texts.map((text, i) => (i === 0 || numbers.some((ns) => ns[i - 1] !== numbers[0]?.[i - 1]) ? text : `${numbers[0]?.[i - 1]}${text}`));
  // `…_Long_20_2`, `…_Long_20_2.5` → `…_Long_20`, not `…_Long_20_`.
  return kept.join("").replace(/_{2,}/g, "_").replace(/_+$/, "");
}

/**
 * The tuned variant of a family: it trades the rules and exits of the member chosen last (`chosenId`), and says which
 * family it tunes. Its id depends on the family alone (`tuned_<timeframe>_<hash of the member ids>`), so re-tuning
 * with another choice updates the same variant instead of adding a trial.
 */
export function tunedVariant(family: readonly Hypothesis[], chosenId: string): Hypothesis {
  const familyIds = [...new Set(family.map((h) => h.id))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (familyIds.length < 2) throw new LearningError("INVALID_FAMILY", `family: a tuned variant needs at least two members, got ${familyIds.length}`);
  const chosen = family.find((h) => h.id === chosenId);
  if (!chosen) throw new LearningError("UNKNOWN_MEMBER", `chosenId: ${chosenId} is not a member of the family (${familyIds.join(", ")})`);
  for (const h of family) {
    if (h.learned) throw new LearningError("INVALID_FAMILY", `family: ${h.id} is itself a learned variant`);
    if (h.timeframe !== chosen.timeframe || h.direction !== chosen.direction) {
      throw new LearningError("INVALID_FAMILY", `family: ${h.id} is ${h.timeframe} ${h.direction}, the others ${chosen.timeframe} ${chosen.direction}`);
    }
  }
  const base = familyName([...family].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((h) => h.name));
  const hash = createHash("sha256").update(JSON.stringify(familyIds)).digest("hex").slice(0, 8);
  return hypothesisSchema.parse({
    ...chosen,
    id: `tuned_${chosen.timeframe}_${hash}`,
    name: `${base}_TUNED`,
    description: `Walk-forward tuning over ${familyIds.length} settings of ${base}: trades the setting that was best on the window before; now ${chosen.name}.`,
    learned: { kind: "tuned", familyIds, chosenId },
  });
}
