import { findIndicator } from "./indicator-registry";
import { formatOperand, type Condition, type Operand } from "./rule-ast";

/** Indicators whose values are prices: drawn over the candles. The others (RSI, MACD, ADX…) get a pane of their own. */
const PRICE_INDICATORS = new Set(["SMA", "EMA", "BB", "HIGHEST", "LOWEST"]);

/** Where a series is drawn: over the candles, over the volume bars, or in the pane named by its indicator call. */
export type ChartPane = "price" | "volume" | (string & {});

export interface ChartSeriesPlan {
  readonly operand: Operand;
  /** Canonical rule text (`RSI(14)`, `MACD(12,26,9).signal`, `Volume average`): the series' title on the chart. */
  readonly label: string;
  readonly pane: ChartPane;
  readonly style: "line" | "histogram";
}

/** A constant a rule compares a drawn series with (`RSI(14) < 30` → 30 in the RSI(14) pane). */
export interface ChartThreshold {
  readonly pane: ChartPane;
  readonly value: number;
}

export interface ChartIndicatorPlan {
  readonly series: readonly ChartSeriesPlan[];
  readonly thresholds: readonly ChartThreshold[];
}

const callOf = (name: string, params: readonly number[]) => (params.length > 0 ? `${name}(${params.join(",")})` : name);

/** The pane an operand's values belong in; null for what the chart already shows (candles, volume) or cannot (Funding). */
function paneOf(o: Operand): ChartPane | null {
  switch (o.kind) {
    case "number":
    case "funding":
      return null;
    case "field":
      return o.field === "volume" ? "volume" : "price";
    case "indicator":
      return PRICE_INDICATORS.has(o.name) ? "price" : callOf(o.name, o.params);
    case "average":
    case "multiple":
      return paneOf(o.of);
  }
}

/**
 * The columns drawn for an indicator the rule reads: MACD shows its line, signal and histogram together and Bollinger
 * Bands all three bands, as a trader reads them; the others the output the rule compares.
 */
function expand(o: Extract<Operand, { kind: "indicator" }>): Operand[] {
  const def = findIndicator(o.name);
  const outputs = def?.name === "MACD" ? def.outputs : def?.name === "BB" ? ["upper", "middle", "lower"] : [o.output];
  return outputs.map((output) => ({ ...o, output, defaultOutput: output === def?.outputs[0] }));
}

function add(o: Operand, into: Map<string, ChartSeriesPlan>): void {
  const pane = paneOf(o);
  if (pane === null || o.kind === "field") return;
  for (const operand of o.kind === "indicator" ? expand(o) : [o]) {
    const label = formatOperand(operand);
    const style = operand.kind === "indicator" && operand.output === "histogram" ? "histogram" : "line";
    if (!into.has(label)) into.set(label, { operand, label, pane, style });
  }
  // `1.2x ATR(14) average` reads ATR(14) too: draw what it is compared against.
  if (o.kind === "average" || o.kind === "multiple") add(o.of, into);
}

function threshold(series: Operand, constant: Operand, into: Map<string, ChartThreshold>): void {
  const pane = paneOf(series);
  if (constant.kind !== "number" || pane === null) return;
  into.set(`${pane}|${constant.value}`, { pane, value: constant.value });
}

/**
 * What a chart of the rule's own timeframe draws so every value the rule reads is visible: its indicators with the
 * pane each belongs to, and the constants it compares them with. Higher-timeframe conditions (`30m: Close > SMA(50)`)
 * are computed on another series and are left out; so is Funding, which is not a candle column.
 */
export function chartIndicatorPlan(conditions: readonly Condition[]): ChartIndicatorPlan {
  const series = new Map<string, ChartSeriesPlan>();
  const thresholds = new Map<string, ChartThreshold>();
  for (const c of conditions) {
    if (c.timeframe) continue;
    if (c.kind === "trend") {
      add(c.operand, series);
      continue;
    }
    add(c.left, series);
    add(c.right, series);
    threshold(c.left, c.right, thresholds);
    threshold(c.right, c.left, thresholds);
  }
  return { series: [...series.values()], thresholds: [...thresholds.values()] };
}

/** Smoothed indicators remember their seed: after ten warm-ups it weighs under 1e-4 of a value (Wilder 14: 0.93^140). */
const RECURSIVE = new Set(["EMA", "RSI", "MACD", "ADX", "ATR"]);

function warmupOf(o: Operand): number {
  switch (o.kind) {
    case "number":
    case "field":
    case "funding":
      return 0;
    case "indicator": {
      const def = findIndicator(o.name);
      if (!def) return 0;
      return def.warmup(o.params, o.output) * (RECURSIVE.has(def.name) ? 10 : 1);
    }
    case "average":
      return warmupOf(o.of) + o.period;
    case "multiple":
      return warmupOf(o.of);
  }
}

/**
 * Bars to load before a chart window so its first drawn values match what the backtest computed on its longer history.
 * OBV is a running total and differs from the backtest's by a constant; the rules read its direction, not its level.
 */
export function chartWarmupBars(plan: ChartIndicatorPlan): number {
  return Math.max(0, ...plan.series.map((s) => warmupOf(s.operand)));
}
