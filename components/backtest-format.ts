/** Number formatting for research tables: undefined values read "—", never NaN or Infinity. */

export function fmtPct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : `${(value * 100).toFixed(digits)}%`;
}

export function fmtNum(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Profit factor with its degenerate case spelled out: winners and no losses is unbounded, not "best". */
export function fmtProfitFactor(value: number | null, unbounded: boolean): string {
  if (unbounded) return "∞ (no losses)";
  return fmtNum(value, 2);
}

/** A price with as many decimals as its size needs (BNB at 600 vs BTC at 60,000). */
export function fmtPrice(value: number): string {
  const digits = Math.abs(value) >= 1000 ? 1 : Math.abs(value) >= 10 ? 2 : 4;
  return fmtNum(value, digits);
}

export function fmtUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

export function signClass(value: number | null | undefined): string {
  return value === null || value === undefined || value === 0 ? "" : value > 0 ? "pass" : "fail";
}

/** Sort key for a profit factor: unbounded above every finite value, undefined below all. */
export function profitFactorSortKey(value: number | null, unbounded: boolean): number {
  return unbounded ? Number.MAX_VALUE : (value ?? -Number.MAX_VALUE);
}
