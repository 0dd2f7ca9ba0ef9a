import { findIndicator } from "./indicator-registry";
import type { Condition, Operand } from "./rule-ast";
import { parseCondition } from "./rule-parser";

/** Indicators drawn on the price pane: their values are prices. Oscillators (RSI, MACD, ADX…) would need their own pane. */
const PRICE_OVERLAYS = new Set(["SMA", "EMA", "BB", "HIGHEST", "LOWEST"]);

export interface OverlaySpec {
  name: string;
  params: number[];
}

export class OverlaySpecError extends Error {
  readonly code = "OVERLAY_SPEC_INVALID";
  readonly field = "indicators";
  constructor(message: string) {
    super(message);
    this.name = "OverlaySpecError";
  }
}

export const formatOverlaySpec = (s: OverlaySpec) => `${s.name}(${s.params.join(",")})`;

/** `SMA(50),BB(20,2)` → specs; only price-pane indicators the registry knows, with valid parameters. */
export function parseOverlaySpecs(text: string | undefined): OverlaySpec[] {
  if (!text) return [];
  const specs: OverlaySpec[] = [];
  for (const match of text.matchAll(/([A-Za-z]+)\(([^)]*)\)/g)) {
    const def = findIndicator(match[1] ?? "");
    if (!def || !PRICE_OVERLAYS.has(def.name)) throw new OverlaySpecError(`"${match[0]}" is not a price overlay (one of ${[...PRICE_OVERLAYS].join(", ")})`);
    const params = (match[2] ?? "").split(",").filter((p) => p.trim() !== "").map(Number);
    const bad = def.params.some((p, i) => {
      const v = params[i] ?? p.default;
      return !Number.isFinite(v) || v < p.min || v > p.max || (p.integer && !Number.isInteger(v));
    });
    if (bad || params.length > def.params.length) throw new OverlaySpecError(`"${match[0]}" has parameters outside ${def.name}'s ranges`);
    specs.push({ name: def.name, params: def.params.map((p, i) => params[i] ?? p.default) });
  }
  return specs;
}

function collect(o: Operand, into: Map<string, OverlaySpec>): void {
  if (o.kind === "indicator" && PRICE_OVERLAYS.has(o.name)) {
    const spec = { name: o.name, params: [...o.params] };
    into.set(formatOverlaySpec(spec), spec);
  } else if (o.kind === "average" || o.kind === "multiple") collect(o.of, into);
}

/**
 * The price overlays a hypothesis's entry rules read on its own timeframe (`Close > SMA(50)`, `Close < BB(20,2).lower`).
 * Higher-timeframe conditions (`30m: Close > SMA(50)`) live on another chart and are left out.
 */
export function overlaySpecsOf(entryConditions: readonly string[]): string[] {
  const found = new Map<string, OverlaySpec>();
  for (const rule of entryConditions) {
    let c: Condition;
    try {
      c = parseCondition(rule);
    } catch {
      continue; // a stored hypothesis always parses; an unparsable one simply gets no overlay
    }
    if (c.timeframe) continue;
    if (c.kind === "trend") collect(c.operand, found);
    else {
      collect(c.left, found);
      collect(c.right, found);
    }
  }
  return [...found.keys()];
}
