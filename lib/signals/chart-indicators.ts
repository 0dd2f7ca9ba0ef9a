import type { Timeframe } from "@/lib/market/timeframe";
import { findIndicator } from "./indicator-registry";
import { formatOperand, type Condition, type Operand } from "./rule-ast";

/** Indicators whose values are prices: drawn over the candles. The others (RSI, MACD, ADX…) get a pane of their own. */
const PRICE_INDICATORS = new Set(["SMA", "EMA", "BB", "HIGHEST", "LOWEST"]);

/** Where a series is drawn: over the candles, over the volume bars, or in the pane named by its indicator call (`15m: RSI(14)`). */
export type ChartPane = "price" | "volume" | (string & {});

export interface ChartSeriesPlan {
  readonly operand: Operand;
  /** Set for `15m: RSI(14) < 45`: computed on that timeframe and read as of its last closed bar, as the rule reads it. */
  readonly timeframe?: Timeframe;
  /** Canonical rule text (`RSI(14)`, `MACD(12,26,9).signal`, `15m: EMA(50)`): the series' title on the chart. */
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

const prefixed = (tf: Timeframe | undefined, text: string) => (tf ? `${tf}: ${text}` : text);

/** The pane an operand's values belong in; null for what the chart cannot draw (Funding is not a candle column). */
function paneOf(o: Operand, tf: Timeframe | undefined): ChartPane | null {
  switch (o.kind) {
    case "number":
    case "funding":
      return null;
    case "field":
      // Another timeframe's volume is of another size than these bars': a pane of its own.
      if (o.field === "volume") return tf ? prefixed(tf, "Volume") : "volume";
      return "price";
    case "indicator":
      return PRICE_INDICATORS.has(o.name) ? "price" : prefixed(tf, callOf(o.name, o.params));
    case "average":
    case "multiple":
      return paneOf(o.of, tf);
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

function add(o: Operand, tf: Timeframe | undefined, into: Map<string, ChartSeriesPlan>): void {
  const pane = paneOf(o, tf);
  // The base timeframe's own prices are the candles; another timeframe's close is a line of its own.
  if (pane === null || (o.kind === "field" && !tf)) return;
  for (const operand of o.kind === "indicator" ? expand(o) : [o]) {
    const label = prefixed(tf, formatOperand(operand));
    const style = operand.kind === "indicator" && operand.output === "histogram" ? "histogram" : "line";
    if (!into.has(label)) into.set(label, { operand, label, pane, style, ...(tf ? { timeframe: tf } : {}) });
  }
  // `1.2x ATR(14) average` reads ATR(14) too: draw what it is compared against.
  if (o.kind === "average" || o.kind === "multiple") add(o.of, tf, into);
}

function threshold(series: Operand, constant: Operand, tf: Timeframe | undefined, into: Map<string, ChartThreshold>): void {
  const pane = paneOf(series, tf);
  if (constant.kind !== "number" || pane === null) return;
  into.set(`${pane}|${constant.value}`, { pane, value: constant.value });
}

/**
 * What a chart of the rule's own timeframe (`base`) draws so every value the rule reads is visible: its indicators with
 * the pane each belongs to, and the constants it compares them with. Conditions on another timeframe
 * (`30m: Close > SMA(50)`) draw that timeframe's values as the rule reads them, prefixed. Funding is not a candle column
 * and is left out.
 */
export function chartIndicatorPlan(conditions: readonly Condition[], base: Timeframe): ChartIndicatorPlan {
  const series = new Map<string, ChartSeriesPlan>();
  const thresholds = new Map<string, ChartThreshold>();
  for (const c of conditions) {
    const tf = c.timeframe === base ? undefined : c.timeframe;
    if (c.kind === "trend") {
      add(c.operand, tf, series);
      continue;
    }
    add(c.left, tf, series);
    add(c.right, tf, series);
    threshold(c.left, c.right, tf, thresholds);
    threshold(c.right, c.left, tf, thresholds);
  }
  return { series: [...series.values()], thresholds: [...thresholds.values()] };
}

/** Smoothed indicators remember their seed: after twenty warm-ups it weighs about e^-20 (2e-9) of a value or less. */
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
      return def.warmup(o.params, o.output) * (RECURSIVE.has(def.name) ? 20 : 1);
    }
    case "average":
      return warmupOf(o.of) + o.period;
    case "multiple":
      return warmupOf(o.of);
  }
}

/**
 * Bars (of their timeframe) to load before a chart window so the first drawn values of `series` match what the backtest
 * computed on its longer history. OBV is a running total and differs from the backtest's by a constant; the rules read
 * its direction, not its level.
 */
export function chartWarmupBars(series: readonly ChartSeriesPlan[]): number {
  return Math.max(0, ...series.map((s) => warmupOf(s.operand)));
}
