import type { IntentPermission } from "./account-mode";
import { differenceSymbol, type Reconciliation } from "./reconcile";

/** What the gate last learnt: a reconciliation and the instruments left without protection (symbol → why). */
interface GateState {
  readonly reconciliation: Reconciliation;
  readonly unprotected: ReadonlyMap<string, string>;
}

/**
 * Whether a new entry may be sent. Fails closed: nothing enters before the first reconciliation has been recorded,
 * while the exchange could not be read, while the findings call for a mode other than active, or on an instrument
 * with a difference or a position left without its stop. Every refusal says why.
 */
export class TradingGate {
  private state: GateState | null = null;

  /** Takes the latest reconciliation; it replaces the one before, so a clean one reopens what a failed one closed. */
  record(reconciliation: Reconciliation, unprotected: ReadonlyMap<string, string> = new Map()): void {
    this.state = { reconciliation, unprotected };
  }

  entryPermission(symbol: string): IntentPermission {
    if (this.state === null) return { allowed: false, reason: "no reconciliation has run yet: nothing enters before the ledger and the exchange were compared" };
    const { reconciliation: r, unprotected } = this.state;
    if (r.entriesBlocked) {
      const why = r.differences.filter((d) => d.kind === "exchange-unknown").map((d) => d.message);
      return { allowed: false, reason: `no entries on any instrument: ${why.join("; ")}` };
    }
    if (r.suggestedMode !== "active") return { allowed: false, reason: `reconciliation calls for ${r.suggestedMode}: ${r.reasons.join("; ")}` };
    const missingStop = unprotected.get(symbol);
    if (missingStop !== undefined) return { allowed: false, reason: `entries on ${symbol} are blocked: ${missingStop}` };
    if (r.blockedSymbols.has(symbol)) {
      const why = r.differences.filter((d) => differenceSymbol(d) === symbol).map((d) => d.message);
      return { allowed: false, reason: `entries on ${symbol} are blocked: ${why.join("; ")}` };
    }
    return { allowed: true };
  }
}
