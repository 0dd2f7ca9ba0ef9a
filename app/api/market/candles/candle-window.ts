import type { Database } from "@/db/client";
import { loadCandleSeries } from "@/db/queries/candles";
import type { CandleWindowJson } from "@/components/backtest-types";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { IndicatorCache } from "@/lib/signals/indicator-cache";
import { findIndicator } from "@/lib/signals/indicator-registry";
import type { Condition, Operand } from "@/lib/signals/rule-ast";
import { parseCondition } from "@/lib/signals/rule-parser";

/** Most bars one request returns: a chart shows a few hundred; more only costs the 2-core server. */
export const MAX_WINDOW_BARS = 3000;

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

/**
 * Candles of [fromMs, toMs] (cut at MAX_WINDOW_BARS) with overlays computed on the window plus each indicator's
 * warm-up before it, so the first visible values equal what the backtest saw (a gap in the data shortens the warm-up).
 */
export async function loadCandleWindow(db: Database, symbol: string, timeframe: Timeframe, fromMs: number, toMs: number, specs: readonly OverlaySpec[]): Promise<CandleWindowJson> {
  const barMs = timeframeMs(timeframe);
  const truncated = (toMs - fromMs) / barMs >= MAX_WINDOW_BARS;
  const to = truncated ? fromMs + (MAX_WINDOW_BARS - 1) * barMs : toMs;
  const defs = specs.flatMap((s) => {
    const def = findIndicator(s.name);
    return def ? [{ spec: s, def }] : [];
  });
  const warmupBars = Math.max(0, ...defs.map(({ spec, def }) => Math.max(...def.outputs.map((o) => def.warmup(spec.params, o)))));
  const series = await loadCandleSeries(db, symbol, timeframe, { fromMs: fromMs - Math.ceil(warmupBars * 1.1 + 2) * barMs, toMs: to });
  let first = 0;
  while (first < series.length && (series.time[first] ?? Infinity) < fromMs) first++;
  const cut = (a: Float64Array) => Array.from(a.subarray(first));
  const cache = new IndicatorCache();
  const overlays: CandleWindowJson["overlays"] = [];
  for (const { spec, def } of defs) {
    const outputs = cache.indicator(series, def, spec.params);
    // Bands draw as three lines; the width output is a ratio, not a price.
    const names = def.name === "BB" ? ["upper", "middle", "lower"] : [def.outputs[0]];
    for (const name of names) {
      const column = outputs[name];
      if (!column) continue;
      overlays.push({ label: names.length > 1 ? `${formatOverlaySpec(spec)}.${name}` : formatOverlaySpec(spec), values: cut(column).map((v) => (Number.isFinite(v) ? v : null)) });
    }
  }
  return {
    symbol,
    timeframe,
    from: fromMs,
    to,
    truncated,
    time: cut(series.time),
    open: cut(series.open),
    high: cut(series.high),
    low: cut(series.low),
    close: cut(series.close),
    volume: cut(series.volume),
    overlays,
  };
}
