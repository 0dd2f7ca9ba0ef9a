import type { AppConfig } from "@/lib/config-schema";
import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { Direction, Hypothesis } from "../hypothesis";

/** What a catalog template writes; discovery adds id, slippage, indicatorsUsed and the max hold. */
export type HypothesisDraft = Omit<Hypothesis, "id" | "slippagePips" | "indicatorsUsed" | "maxHoldMinutes">;

/** One family of templates (one file in catalog/), expanded over config.indicatorRanges. */
export interface TemplateFamily {
  readonly key: string;
  /** Whether the family's first hypothesis belongs to the `quick` discovery subset. */
  readonly quick: boolean;
  generate(config: AppConfig): HypothesisDraft[];
}

export const DIRECTIONS: readonly Direction[] = ["long", "short"];

/** Typical holds per timeframe, in minutes: a handful of bars up to a session's worth. */
export const HOLD_MINUTES: Record<TradingTimeframe, [number, number]> = {
  "2m": [4, 30],
  "5m": [10, 90],
  "15m": [30, 240],
  "30m": [60, 480],
};

/** The value of a config range closest to what the template was designed around. */
export function nearest(values: readonly number[], preferred: number): number {
  return values.reduce((best, v) => (Math.abs(v - preferred) < Math.abs(best - preferred) ? v : best), values[0] ?? preferred);
}

/** Distinct values of a range, in config order (config lists may repeat values). */
export function distinct(values: readonly number[]): number[] {
  return [...new Set(values)];
}

const ceil2 = (x: number) => Math.ceil(x * 100 - 1e-9) / 100;

export const stopSide = (d: Direction) => (d === "long" ? "below" : "above");
export const targetSide = (d: Direction) => (d === "long" ? "above" : "below");

/** ATR stop with an R target that is never below the timeframe's minimum reward:risk. */
export function atrStopRTarget(config: AppConfig, tf: TradingTimeframe, d: Direction, stopAtr: number, reward: number) {
  return { stopLoss: `${stopAtr} ATR ${stopSide(d)} entry`, target: `${ceil2(Math.max(reward, config.minRiskReward[tf]))}R` };
}

/** ATR stop and ATR target; the target multiple keeps reward:risk at least the timeframe's minimum. */
export function atrStopAtrTarget(config: AppConfig, tf: TradingTimeframe, d: Direction, stopAtr: number, reward: number) {
  const rr = Math.max(reward, config.minRiskReward[tf]);
  return { stopLoss: `${stopAtr} ATR ${stopSide(d)} entry`, target: `${ceil2(stopAtr * rr)} ATR ${targetSide(d)} entry` };
}

/** Fixed basis-point exits (1 pip = 1 bp), for ideas whose edge is not volatility-scaled (funding). */
export function bpsExits(config: AppConfig, tf: TradingTimeframe, stopBps: number, reward: number) {
  return { stopLoss: `${stopBps} bps`, target: `${Math.ceil(stopBps * Math.max(reward, config.minRiskReward[tf]))} bps` };
}

/** The standard funding caveat: crowded positioning is paid for every 8h and tends to unwind against the crowd. */
export function fundingNote(config: AppConfig, d: Direction): string {
  const hi = Math.max(...config.indicatorRanges.funding.extremeHigh);
  const lo = Math.min(...config.indicatorRanges.funding.extremeLow);
  return d === "long"
    ? `Skip or size down when funding > ${hi}: longs are crowded and pay shorts every 8h; negative funding (< ${lo}) is a tailwind.`
    : `Skip or size down when funding < ${lo}: shorts are crowded and pay longs every 8h; positive funding (> ${hi}) is a tailwind.`;
}

export const cap = (d: Direction) => (d === "long" ? "Long" : "Short");

/** `average` (the rule language's 20-bar default) or `average(N)` for other config periods. */
export const averageWord = (period: number) => (period === 20 ? "average" : `average(${period})`);
