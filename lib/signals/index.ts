/** Public API of lib/signals: hypotheses, the rule language, indicators and discovery. */
export { compileConditions, compileRule, type CompiledCondition, type CompiledRule, type SignalContext } from "./compile-rule";
export { compileHypothesis, signalBarAtr, type CompiledHypothesis } from "./compile-hypothesis";
export { discoverHypotheses, type DiscoverOptions } from "./discover-hypotheses";
export { HypothesisFileError, RuleSyntaxError, SignalDataError } from "./errors";
export {
  atrPeriodsOf,
  exitLevels,
  formatExit,
  parseStop,
  parseTarget,
  stopDistance,
  targetDistance,
  type ExitInputs,
  type ExitLevels,
  type StopSpec,
  type TargetSpec,
} from "./exit-spec";
export {
  HYPOTHESES_FILE_VERSION,
  hypothesisId,
  hypothesisRuleIssues,
  hypothesisSchema,
  parseHypothesesFile,
  serializeHypotheses,
  type Direction,
  type Hypothesis,
  type HypothesisInput,
  type RuleIssue,
} from "./hypothesis";
export { IndicatorCache } from "./indicator-cache";
export { findIndicator, INDICATORS, indicatorNames, type IndicatorDefinition, type ParamSpec } from "./indicator-registry";
export { BELOW_MIN_RISK_REWARD, formatRiskReward, isBelowMinRiskReward } from "./min-risk-reward";
export { minRiskRewardIssue, riskRewardOf } from "./risk-reward";
export { formatCondition, formatOperand, indicatorsOf, type Condition, type Operand } from "./rule-ast";
export { parseCondition } from "./rule-parser";
export { closedBarIndex, fundingAtClose } from "./timeframe-alignment";
