import type { AppConfig } from "@/lib/config-schema";
import { TEMPLATE_FAMILIES, type HypothesisDraft } from "./catalog";
import { HypothesisFileError } from "./errors";
import { hypothesisId, hypothesisRuleIssues, hypothesisSchema, type Hypothesis } from "./hypothesis";
import { indicatorsOf } from "./rule-ast";
import { parseCondition } from "./rule-parser";

export interface DiscoverOptions {
  /** A small subset (one hypothesis from each quick family, at least one per configured timeframe) for smoke runs. */
  readonly quick?: boolean;
}

function complete(draft: HypothesisDraft, config: AppConfig): Hypothesis {
  const issues = hypothesisRuleIssues(draft);
  if (issues.length > 0) {
    // A catalog bug, not user input: name the template so it can be fixed.
    throw new HypothesisFileError(`catalog template "${draft.name}": ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
  }
  const indicators = new Set<string>();
  for (const rule of draft.entryConditions) indicatorsOf(parseCondition(rule), indicators);
  return hypothesisSchema.parse({
    ...draft,
    id: hypothesisId(draft),
    slippagePips: config.slippagePips[draft.timeframe],
    indicatorsUsed: [...indicators].sort(),
  });
}

/**
 * Expands the template catalog over `config.indicatorRanges` for the configured timeframes. Deterministic:
 * the same config gives the same hypotheses, ids and order. Duplicates (equal rules from repeated config
 * values) are dropped by id.
 */
export function discoverHypotheses(config: AppConfig, options: DiscoverOptions = {}): Hypothesis[] {
  const wanted = new Set<string>(config.timeframes);
  const byFamily = TEMPLATE_FAMILIES.map((family) => ({
    family,
    hypotheses: family
      .generate(config)
      .filter((d) => wanted.has(d.timeframe))
      .map((d) => complete(d, config)),
  }));
  let picked = byFamily.flatMap(({ hypotheses }) => hypotheses);
  if (options.quick) {
    const quick = byFamily.flatMap(({ family, hypotheses }) => (family.quick ? hypotheses.slice(0, 1) : []));
    for (const tf of config.timeframes) {
      const fallback = picked.find((h) => h.timeframe === tf);
      if (fallback && !quick.some((h) => h.timeframe === tf)) quick.push(fallback);
    }
    picked = quick;
  }
  const seen = new Set<string>();
  return picked.filter((h) => !seen.has(h.id) && (seen.add(h.id), true));
}
