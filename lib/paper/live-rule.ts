import type { CandleSeries } from "../market/series";
import type { Condition, Operand } from "../signals/rule-ast";
import { ColumnBuffer } from "./buffers";
import type { LiveSeries } from "./live-series";

/** An operand's value per bar of one growing series; `sync` first brings it up to the series' last bar. */
interface LiveValues {
  sync(series: CandleSeries): void;
  at(t: number): number;
}

/** A condition's 0/1 per bar of its series, as compile-rule's masks give it. */
export interface LiveCondition {
  sync(series: CandleSeries): void;
  at(t: number): number;
}

const constant = (value: number): LiveValues => ({ sync: () => undefined, at: () => value });

/**
 * compile-rule's averageOf with its running sum and NaN count kept between bars: the same additions in the same
 * order, so the same values.
 */
function average(inner: LiveValues, period: number): LiveValues {
  const out = new ColumnBuffer((n) => new Float64Array(n));
  let sum = 0;
  let nans = 0;
  return {
    sync(series) {
      inner.sync(series);
      for (let t = out.length; t < series.length; t++) {
        const v = inner.at(t);
        if (Number.isNaN(v)) nans++;
        else sum += v;
        if (t >= period) {
          const old = inner.at(t - period);
          if (Number.isNaN(old)) nans--;
          else sum -= old;
        }
        out.set(t, t >= period - 1 && nans === 0 ? sum / period : Number.NaN);
      }
    },
    at: (t) => out.view()[t] ?? Number.NaN,
  };
}

/** A number, or the per-bar values; null when the operand has no per-bar form (Funding, ROC). */
function valuesOf(o: Operand, store: LiveSeries): number | LiveValues | null {
  switch (o.kind) {
    case "number":
      return o.value;
    case "field": {
      let column: Float64Array = new Float64Array(0);
      return {
        sync(series) {
          column = series[o.field];
        },
        at: (t) => column[t] ?? Number.NaN,
      };
    }
    case "indicator": {
      const stream = store.indicator(o.name, o.params);
      if (!stream) return null;
      const column = stream.output(o.output);
      return { sync: (series) => stream.sync(series), at: (t) => column.view()[t] ?? Number.NaN };
    }
    case "funding":
      return null;
    case "average": {
      const inner = valuesOf(o.of, store);
      return inner === null || typeof inner === "number" ? inner : average(inner, o.period);
    }
    case "multiple": {
      const inner = valuesOf(o.of, store);
      if (inner === null) return null;
      if (typeof inner === "number") return o.factor * inner;
      return { sync: (series) => inner.sync(series), at: (t) => o.factor * inner.at(t) };
    }
  }
}

function liveValues(o: Operand, store: LiveSeries): LiveValues | null {
  const v = valuesOf(o, store);
  return typeof v === "number" ? constant(v) : v;
}

/** compile-rule's evaluateOn at one bar: comparisons, crossings and trends read bars t, t − 1 and t − bars only. */
export function liveCondition(c: Condition, store: LiveSeries): LiveCondition | null {
  if (c.kind === "trend") {
    const x = liveValues(c.operand, store);
    if (!x) return null;
    const sign = c.direction === "rising" ? 1 : -1;
    return { sync: (s) => x.sync(s), at: (t) => (t >= c.bars && sign * (x.at(t) - x.at(t - c.bars)) > 0 ? 1 : 0) };
  }
  const a = liveValues(c.left, store);
  const b = liveValues(c.right, store);
  if (!a || !b) return null;
  const sync = (s: CandleSeries): void => {
    a.sync(s);
    b.sync(s);
  };
  if (c.kind === "cross") {
    const sign = c.direction === "above" ? 1 : -1;
    return { sync, at: (t) => (t >= 1 && sign * (a.at(t - 1) - b.at(t - 1)) <= 0 && sign * (a.at(t) - b.at(t)) > 0 ? 1 : 0) };
  }
  switch (c.op) {
    case "<":
      return { sync, at: (t) => (a.at(t) < b.at(t) ? 1 : 0) };
    case "<=":
      return { sync, at: (t) => (a.at(t) <= b.at(t) ? 1 : 0) };
    case ">":
      return { sync, at: (t) => (b.at(t) < a.at(t) ? 1 : 0) };
    case ">=":
      return { sync, at: (t) => (b.at(t) <= a.at(t) ? 1 : 0) };
  }
}
