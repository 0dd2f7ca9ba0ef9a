import { createHash } from "node:crypto";
import { z } from "zod";
import { errorMessage } from "@/lib/error-message";
import { tradingTimeframeSchema, type TradingTimeframe } from "@/lib/market/timeframe";
import { HypothesisFileError, RuleSyntaxError } from "./errors";
import { formatExit, parseStop, parseTarget } from "./exit-spec";
import { learnedSpecSchema } from "./learned-spec";
import { minRiskRewardIssue } from "./risk-reward";
import { formatCondition } from "./rule-ast";
import { parseCondition } from "./rule-parser";

export const directionSchema = z.enum(["long", "short"]);
export type Direction = z.infer<typeof directionSchema>;

export const signalTypeSchema = z.enum(["momentum", "mean_reversion", "breakout", "funding", "trend_following", "confluence"]);
export const regimeSchema = z.enum(["trending", "ranging", "choppy", "any"]);

/** Thirty days: the researched timeframes hold for minutes to hours, and the engine's time stop needs a finite deadline. */
export const MAX_HOLD_MINUTES = 30 * 24 * 60;
export const holdMinutesSchema = z.number().positive("must be above 0").max(MAX_HOLD_MINUTES, `must be at most ${MAX_HOLD_MINUTES} minutes (30 days)`);

const holdRange = z
  .tuple([holdMinutesSchema, holdMinutesSchema])
  .refine(([min, max]) => min <= max, { message: "typicalHoldMinutes must be [min, max] with min <= max" });

/** Hypotheses named in one request: the catalog and a user's own ideas together stay far below this. */
export const hypothesisIdListSchema = z
  .array(z.string().min(1).max(100))
  .min(1, "choose at least one hypothesis")
  .max(1000, "at most 1000 hypotheses");

/**
 * A testable trading idea. Rules are text in the rule language (see rule-parser) so they stay readable in
 * the JSON file and the dashboard; `parseHypothesesFile` proves they all parse. `maxHoldMinutes` defaults to
 * twice the upper typical hold.
 */
export const hypothesisSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    timeframe: tradingTimeframeSchema,
    direction: directionSchema,
    description: z.string().min(1),
    entryConditions: z.array(z.string().min(1)).min(1),
    stopLoss: z.string().min(1),
    target: z.string().min(1),
    /**
     * Test it although its reward:risk is below the timeframe's minimum (config `minRiskReward`): without this the
     * file and the form refuse such exits. Its results are badged as below the minimum.
     */
    allowBelowMinRiskReward: z.boolean().optional(),
    typicalHoldMinutes: holdRange,
    /** Up to a year: a far time stop stands for "none" (the engine needs a finite deadline, not an infinite one). */
    maxHoldMinutes: z.number().positive().max(365 * 24 * 60).optional(),
    slippagePips: z.number().min(0),
    expectedAccuracy: z.number().min(0).max(1),
    signalType: signalTypeSchema,
    indicatorsUsed: z.array(z.string()),
    regimeBest: regimeSchema,
    fundingRateConsideration: z.string(),
    /** Set only on a variant the learning phase made (lib/learning); absent on every idea a person or the catalog wrote. */
    learned: learnedSpecSchema.optional(),
  })
  .transform((h) => ({ ...h, maxHoldMinutes: h.maxHoldMinutes ?? 2 * h.typicalHoldMinutes[1] }));

export type HypothesisInput = z.input<typeof hypothesisSchema>;
export type Hypothesis = z.output<typeof hypothesisSchema>;

export const HYPOTHESES_FILE_VERSION = 1;

export interface RuleIssue {
  readonly field: string;
  readonly message: string;
  /** Set for issues a person may override, so a form can offer the override (see risk-reward.ts). */
  readonly code?: string;
}

/**
 * Problems with a hypothesis's rule texts: unparsable conditions, stops or targets, and exits on the wrong side
 * (a long's stop must be below entry). Empty when the hypothesis can be compiled.
 */
export function hypothesisRuleIssues(h: Pick<Hypothesis, "direction" | "entryConditions" | "stopLoss" | "target">): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const attempt = (field: string, run: () => void) => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof RuleSyntaxError)) throw error;
      issues.push({ field, message: error.message });
    }
  };
  h.entryConditions.forEach((rule, i) => attempt(`entryConditions[${i}]`, () => parseCondition(rule)));
  const [stopSide, targetSide] = h.direction === "long" ? ["below", "above"] : ["above", "below"];
  attempt("stopLoss", () => {
    const stop = parseStop(h.stopLoss);
    if (stop.side && stop.side !== stopSide) issues.push({ field: "stopLoss", message: `a ${h.direction} stop must be ${stopSide} entry` });
  });
  attempt("target", () => {
    const target = parseTarget(h.target);
    if (target.kind !== "r" && target.side && target.side !== targetSide) {
      issues.push({ field: "target", message: `a ${h.direction} target must be ${targetSide} entry` });
    }
  });
  return issues;
}

/**
 * Stable id from what the hypothesis trades: timeframe, direction and the canonical form of its rules.
 * Renaming or re-describing keeps the id; rewriting `Price > 50-SMA` as `Close > SMA(50)` keeps it too.
 * Throws RuleSyntaxError when a rule does not parse.
 */
export function hypothesisId(h: { timeframe: TradingTimeframe; direction: Direction; entryConditions: readonly string[]; stopLoss: string; target: string }): string {
  const content = JSON.stringify([
    h.timeframe,
    h.direction,
    h.entryConditions.map((r) => formatCondition(parseCondition(r))),
    formatExit(parseStop(h.stopLoss)),
    formatExit(parseTarget(h.target)),
  ]);
  return `h_${h.timeframe}_${createHash("sha256").update(content).digest("hex").slice(0, 8)}`;
}

function label(index: number, raw: unknown): string {
  const name = typeof raw === "object" && raw !== null && "name" in raw && typeof raw.name === "string" ? ` "${raw.name}"` : "";
  return `hypotheses[${index}]${name}`;
}

/**
 * Parses the JSON of a hypotheses file (`{ version, hypotheses: [...] }`), validating every field and every
 * rule, and holding exits to the timeframe's minimum reward:risk unless the hypothesis allows less. Errors name the
 * hypothesis index and name, and the field.
 */
export function parseHypothesesFile(text: string, minRiskReward: Readonly<Record<TradingTimeframe, number>>): Hypothesis[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new HypothesisFileError(`hypotheses file is not valid JSON: ${errorMessage(cause)}`, { cause });
  }
  const envelope = z.object({ version: z.literal(HYPOTHESES_FILE_VERSION), hypotheses: z.array(z.unknown()) }).safeParse(json);
  if (!envelope.success) {
    const where = envelope.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new HypothesisFileError(`hypotheses file must be { "version": ${HYPOTHESES_FILE_VERSION}, "hypotheses": [...] }: ${where}`);
  }
  const seen = new Map<string, number>();
  return envelope.data.hypotheses.map((raw, index) => {
    const parsed = hypothesisSchema.safeParse(raw);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(hypothesis)"}: ${i.message}`).join("; ");
      throw new HypothesisFileError(`${label(index, raw)}: ${where}`);
    }
    const h = parsed.data;
    if (h.learned) throw new HypothesisFileError(`${label(index, raw)}: learned: only the learning phase makes learned variants (its models are not in a file)`);
    const issues = hypothesisRuleIssues(h);
    if (issues.length > 0) throw new HypothesisFileError(`${label(index, raw)}: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
    const shortfall = minRiskRewardIssue(h, minRiskReward);
    if (shortfall) throw new HypothesisFileError(`${label(index, raw)}: ${shortfall.field}: ${shortfall.message} (to test it anyway, add "allowBelowMinRiskReward": true)`);
    const dup = seen.get(h.id);
    if (dup !== undefined) throw new HypothesisFileError(`${label(index, raw)}: id "${h.id}" duplicates hypotheses[${dup}]`);
    seen.set(h.id, index);
    return h;
  });
}

/** Field order of the file, so equal hypotheses serialize to identical text however they were built. */
const FIELD_ORDER: readonly (keyof Hypothesis)[] = [
  "id",
  "name",
  "timeframe",
  "direction",
  "description",
  "entryConditions",
  "stopLoss",
  "target",
  "allowBelowMinRiskReward",
  "typicalHoldMinutes",
  "maxHoldMinutes",
  "slippagePips",
  "expectedAccuracy",
  "signalType",
  "indicatorsUsed",
  "regimeBest",
  "fundingRateConsideration",
];

/** The hypotheses file's JSON text (pure; the caller writes it). Deterministic for equal input. */
export function serializeHypotheses(list: readonly Hypothesis[]): string {
  const hypotheses = list.map((h) => Object.fromEntries(FIELD_ORDER.map((k) => [k, h[k]])));
  return `${JSON.stringify({ version: HYPOTHESES_FILE_VERSION, count: list.length, hypotheses }, null, 2)}\n`;
}
