import type { Timeframe } from "@/lib/market/timeframe";

export type PriceField = "open" | "high" | "low" | "close" | "volume";
export type Comparator = "<" | "<=" | ">" | ">=";

/** Default look-back of `<x> average`: a 20-bar SMA of x. */
export const DEFAULT_AVERAGE_PERIOD = 20;

/** A value per bar (or a constant). Everything but `number` is a series evaluated on one candle series. */
export type Operand =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "field"; readonly field: PriceField }
  | { readonly kind: "indicator"; readonly name: string; readonly params: readonly number[]; readonly output: string; readonly defaultOutput: boolean }
  | { readonly kind: "funding" }
  | { readonly kind: "average"; readonly of: Operand; readonly period: number }
  | { readonly kind: "multiple"; readonly factor: number; readonly of: Operand };

/** One entry condition. `timeframe` set means "evaluated on that timeframe's chart, as of its last closed bar". */
export type Condition =
  | { readonly kind: "compare"; readonly timeframe?: Timeframe; readonly left: Operand; readonly op: Comparator; readonly right: Operand }
  | { readonly kind: "cross"; readonly timeframe?: Timeframe; readonly left: Operand; readonly direction: "above" | "below"; readonly right: Operand }
  | { readonly kind: "trend"; readonly timeframe?: Timeframe; readonly operand: Operand; readonly direction: "rising" | "falling"; readonly bars: number };

const FIELD_NAMES: Record<PriceField, string> = { open: "Open", high: "High", low: "Low", close: "Close", volume: "Volume" };

/** Canonical text of an operand: also the cache key of its series, so equal meaning ⇒ equal key. */
export function formatOperand(o: Operand): string {
  switch (o.kind) {
    case "number":
      return String(o.value);
    case "field":
      return FIELD_NAMES[o.field];
    case "indicator": {
      const call = o.params.length > 0 ? `${o.name}(${o.params.join(",")})` : o.name;
      return o.defaultOutput ? call : `${call}.${o.output}`;
    }
    case "funding":
      return "Funding";
    case "average":
      return `${formatOperand(o.of)} average${o.period === DEFAULT_AVERAGE_PERIOD ? "" : `(${o.period})`}`;
    case "multiple":
      return `${o.factor}x ${formatOperand(o.of)}`;
  }
}

export function formatCondition(c: Condition): string {
  const prefix = c.timeframe ? `${c.timeframe}: ` : "";
  switch (c.kind) {
    case "compare":
      return `${prefix}${formatOperand(c.left)} ${c.op} ${formatOperand(c.right)}`;
    case "cross":
      return `${prefix}${formatOperand(c.left)} crosses ${c.direction} ${formatOperand(c.right)}`;
    case "trend":
      return `${prefix}${formatOperand(c.operand)} ${c.direction} ${c.bars}`;
  }
}

function collectOperand(o: Operand, into: Set<string>): void {
  switch (o.kind) {
    case "number":
      return;
    case "field":
      if (o.field === "volume") into.add("Volume");
      return;
    case "indicator":
      into.add(o.name);
      return;
    case "funding":
      into.add("Funding");
      return;
    case "average":
    case "multiple":
      collectOperand(o.of, into);
      return;
  }
}

/** Indicator names (plus Volume/Funding) a condition reads — what a hypothesis lists as `indicatorsUsed`. */
export function indicatorsOf(c: Condition, into: Set<string> = new Set()): Set<string> {
  if (c.kind === "trend") collectOperand(c.operand, into);
  else {
    collectOperand(c.left, into);
    collectOperand(c.right, into);
  }
  return into;
}
