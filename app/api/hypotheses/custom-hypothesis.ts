import { z } from "zod";
import type { AppConfig } from "@/lib/config";
import { tradingTimeframeSchema } from "@/lib/market/timeframe";
import { directionSchema, holdMinutesSchema, hypothesisId, hypothesisRuleIssues, hypothesisSchema, regimeSchema, signalTypeSchema, type Hypothesis, type RuleIssue } from "@/lib/signals/hypothesis";
import { minRiskRewardIssue } from "@/lib/signals/risk-reward";
import { indicatorsOf } from "@/lib/signals/rule-ast";
import { parseCondition } from "@/lib/signals/rule-parser";

/** Longer than any rule a person writes (`Close crosses above EMA(20)`), short enough to parse on every keystroke. */
const MAX_RULE_CHARS = 200;
const MAX_ENTRY_CONDITIONS = 10;
const draftRule = z.string().trim().max(MAX_RULE_CHARS, `at most ${MAX_RULE_CHARS} characters`);
const rule = draftRule.min(1, "required");

/** Tick to test exits whose reward:risk is below the timeframe's minimum; without it they are refused. */
const allowBelowMinRiskReward = z.boolean().optional();

/** The rule fields alone: what the form sends while you type (with the timeframe, its reward:risk is checked too). */
export const ruleDraftSchema = z.strictObject({
  direction: directionSchema,
  entryConditions: z.array(draftRule).min(1, "at least one entry condition").max(MAX_ENTRY_CONDITIONS, `at most ${MAX_ENTRY_CONDITIONS} entry conditions`),
  stopLoss: draftRule,
  target: draftRule,
  timeframe: tradingTimeframeSchema.optional(),
  allowBelowMinRiskReward,
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
    allowBelowMinRiskReward,
    typicalHoldMinutes: z.tuple([holdMinutesSchema, holdMinutesSchema]),
    expectedAccuracy: z.number().min(0, "must be 0–1").max(1, "must be 0–1"),
    signalType: signalTypeSchema,
    regimeBest: regimeSchema,
    fundingRateConsideration: z.string().trim().max(500).default(""),
  })
  .refine((h) => h.typicalHoldMinutes[0] <= h.typicalHoldMinutes[1], { message: "min must not exceed max", path: ["typicalHoldMinutes", 1] });
export type CustomHypothesisInput = z.input<typeof customHypothesisSchema>;

/**
 * Rule problems while typing: a blank field is not reported (the save refuses it as "required"), and reward:risk
 * is judged once the stop and target both parse.
 */
export function draftRuleIssues(draft: z.infer<typeof ruleDraftSchema>, config: AppConfig): RuleIssue[] {
  const values = new Map<string, string>([
    ["stopLoss", draft.stopLoss],
    ["target", draft.target],
    ...draft.entryConditions.map((r, i): [string, string] => [`entryConditions[${i}]`, r]),
  ]);
  const issues = hypothesisRuleIssues(draft).filter((issue) => values.get(issue.field) !== "");
  const exitsParse = draft.stopLoss !== "" && draft.target !== "" && !issues.some((i) => i.field === "stopLoss" || i.field === "target");
  const shortfall = draft.timeframe && exitsParse ? minRiskRewardIssue({ ...draft, timeframe: draft.timeframe }, config.minRiskReward) : null;
  return shortfall ? [...issues, shortfall] : issues;
}

/**
 * The complete hypothesis, or the rule issues that stop it — exits below the timeframe's minimum reward:risk among
 * them unless `allowBelowMinRiskReward`; assumes the input passed customHypothesisSchema.
 */
export function buildCustomHypothesis(input: z.output<typeof customHypothesisSchema>, config: AppConfig): { hypothesis: Hypothesis } | { issues: RuleIssue[] } {
  const issues = hypothesisRuleIssues(input);
  if (issues.length > 0) return { issues };
  const shortfall = minRiskRewardIssue(input, config.minRiskReward);
  if (shortfall) return { issues: [shortfall] };
  const indicators = new Set<string>();
  for (const r of input.entryConditions) indicatorsOf(parseCondition(r), indicators);
  const { allowBelowMinRiskReward: allowed, ...rest } = input;
  const hypothesis = hypothesisSchema.parse({
    ...rest,
    // Stored only when set, so a hypothesis that meets the minimum reads the same as one from discovery.
    ...(allowed ? { allowBelowMinRiskReward: true } : {}),
    id: hypothesisId(input),
    slippagePips: config.slippagePips[input.timeframe],
    indicatorsUsed: [...indicators].sort(),
  });
  return { hypothesis };
}
