import { z } from "zod";
import type { AppConfig } from "@/lib/config";
import { tradingTimeframeSchema } from "@/lib/config-schema";
import { directionSchema, holdMinutesSchema, hypothesisId, hypothesisRuleIssues, hypothesisSchema, regimeSchema, signalTypeSchema, type Hypothesis, type RuleIssue } from "@/lib/signals/hypothesis";
import { indicatorsOf } from "@/lib/signals/rule-ast";
import { parseCondition } from "@/lib/signals/rule-parser";

/** Longer than any rule a person writes (`Close crosses above EMA(20)`), short enough to parse on every keystroke. */
const MAX_RULE_CHARS = 200;
const MAX_ENTRY_CONDITIONS = 10;
const draftRule = z.string().trim().max(MAX_RULE_CHARS, `at most ${MAX_RULE_CHARS} characters`);
const rule = draftRule.min(1, "required");

/** The rule fields alone: what the form sends while you type. */
export const ruleDraftSchema = z.strictObject({
  direction: directionSchema,
  entryConditions: z.array(draftRule).min(1, "at least one entry condition").max(MAX_ENTRY_CONDITIONS, `at most ${MAX_ENTRY_CONDITIONS} entry conditions`),
  stopLoss: draftRule,
  target: draftRule,
});

/** A hypothesis written in the form; the server derives id, slippage and indicators, as discovery does. */
export const customHypothesisSchema = z
  .strictObject({
    name: z.string().trim().min(1, "required").max(120),
    timeframe: tradingTimeframeSchema,
    direction: directionSchema,
    description: z.string().trim().min(1, "required").max(2000),
    entryConditions: z.array(rule).min(1, "at least one entry condition").max(MAX_ENTRY_CONDITIONS, `at most ${MAX_ENTRY_CONDITIONS} entry conditions`),
    stopLoss: rule,
    target: rule,
    typicalHoldMinutes: z.tuple([holdMinutesSchema, holdMinutesSchema]),
    expectedAccuracy: z.number().min(0, "must be 0–1").max(1, "must be 0–1"),
    signalType: signalTypeSchema,
    regimeBest: regimeSchema,
    fundingRateConsideration: z.string().trim().max(500).default(""),
  })
  .refine((h) => h.typicalHoldMinutes[0] <= h.typicalHoldMinutes[1], { message: "min must not exceed max", path: ["typicalHoldMinutes", 1] });
export type CustomHypothesisInput = z.input<typeof customHypothesisSchema>;

/** Rule problems while typing: a blank field is not reported (the save refuses it as "required"). */
export function draftRuleIssues(draft: z.infer<typeof ruleDraftSchema>): RuleIssue[] {
  const values = new Map<string, string>([
    ["stopLoss", draft.stopLoss],
    ["target", draft.target],
    ...draft.entryConditions.map((r, i): [string, string] => [`entryConditions[${i}]`, r]),
  ]);
  return hypothesisRuleIssues(draft).filter((issue) => values.get(issue.field) !== "");
}

/** The complete hypothesis, or the rule issues that stop it; assumes the input passed customHypothesisSchema. */
export function buildCustomHypothesis(input: z.output<typeof customHypothesisSchema>, config: AppConfig): { hypothesis: Hypothesis } | { issues: RuleIssue[] } {
  const issues = hypothesisRuleIssues(input);
  if (issues.length > 0) return { issues };
  const indicators = new Set<string>();
  for (const r of input.entryConditions) indicatorsOf(parseCondition(r), indicators);
  const hypothesis = hypothesisSchema.parse({
    ...input,
    id: hypothesisId(input),
    slippagePips: config.slippagePips[input.timeframe],
    indicatorsUsed: [...indicators].sort(),
  });
  return { hypothesis };
}
