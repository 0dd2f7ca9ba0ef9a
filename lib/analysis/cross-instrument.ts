import type { EdgeStatus } from "./edge-verdict";

export interface SymbolVerdict {
  readonly symbol: string;
  readonly status: EdgeStatus;
}

export interface CrossInstrumentSummary {
  readonly passes: string[];
  readonly fails: string[];
  readonly insufficient: string[];
  /** `all`: passed on every instrument tried; `some`: on at least one but not all; `none`: on none (or none tried). */
  readonly consistent: "all" | "some" | "none";
}

/** Whether one hypothesis's edge holds across instruments: an edge on one symbol only is more likely luck. */
export function crossInstrumentSummary(verdicts: readonly SymbolVerdict[]): CrossInstrumentSummary {
  const of = (status: EdgeStatus) => verdicts.filter((v) => v.status === status).map((v) => v.symbol);
  const passes = of("pass");
  const consistent = passes.length === 0 ? "none" : passes.length === verdicts.length ? "all" : "some";
  return { passes, fails: of("fail"), insufficient: of("insufficient_data"), consistent };
}
