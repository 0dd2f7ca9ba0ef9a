import type { BlockReason } from "@/lib/backtest/types";
import { formatInt } from "@/lib/format";

/** Why an entry signal did not become a trade, in a trader's words (see lib/backtest/simulate-leg.ts, risk-manager.ts). */
const SKIP_REASONS: Readonly<Record<BlockReason, string>> = {
  position_open: "position already open",
  max_concurrent: "the account's limit of concurrent positions was reached",
  daily_loss_limit: "the day's loss limit had paused entries",
  max_drawdown: "the drawdown halt had stopped entries",
  invalid_stop: "no valid stop at that bar (its ATR not warmed up yet, or the stop beyond zero)",
  insufficient_equity: "equity at or below zero",
};

/** Shown as figures of their own on the run page (ambiguous bars, reward:risk), so not repeated here. */
const SHOWN_APART = new Set(["ambiguousBars", "ambiguousResolvedBy1m", "ambiguousAssumedStop", "riskReward"]);

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const plural = (n: number, one: string, many: string) => `${formatInt(n)} ${n === 1 ? one : many}`;
/** `ambiguousBars` → "ambiguous bars": a key this page has no sentence for still reads as words. */
const words = (key: string) => key.replace(/_/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
/** A reason stored by an older or newer engine than this page still reads as words. */
const skipReason = (reason: string) => (Object.hasOwn(SKIP_REASONS, reason) ? SKIP_REASONS[reason as BlockReason] : words(reason));

function describeOther(key: string, value: unknown): string {
  if (value !== null && typeof value === "object") {
    const parts = Object.entries(value).map(([k, v]) => `${words(k)} ${isCount(v) ? formatInt(v) : String(v)}`);
    return `${words(key)}: ${parts.join(", ")}`;
  }
  return `${words(key)}: ${isCount(value) ? formatInt(value) : String(value)}`;
}

/**
 * A run's stored diagnostics as sentences: signals over bars, then one sentence per reason signals were skipped
 * ("11 signals skipped: position already open"), then any other key in words. Reasons with no skips are left out.
 */
export function describeDiagnostics(diagnostics: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  const { signals, bars, blocked, ...rest } = diagnostics;
  if (isCount(signals)) out.push(`${plural(signals, "entry signal", "entry signals")}${isCount(bars) ? ` over ${plural(bars, "bar", "bars")}` : ""}`);
  else if (isCount(bars)) out.push(plural(bars, "bar", "bars"));
  if (blocked !== null && typeof blocked === "object") {
    const skips = Object.entries(blocked).filter((entry): entry is [string, number] => isCount(entry[1]) && entry[1] > 0);
    for (const [reason, n] of skips) out.push(`${plural(n, "signal", "signals")} skipped: ${skipReason(reason)}`);
    if (skips.length === 0) out.push("no signal skipped");
  }
  for (const [key, value] of Object.entries(rest)) if (!SHOWN_APART.has(key)) out.push(describeOther(key, value));
  return out;
}
