import type { LiveReconciliationJson } from "@/lib/contract/live";
import type { AccountReconciliation } from "@/lib/exchange/reconcile-account";
import { ledgerPositions } from "@/lib/trading/leg-positions";
import { differenceSymbol, sameQuantity, type Difference } from "@/lib/trading/reconcile";

/** The instrument a difference names on the page: the system's, or the exchange's for one the system does not trade. */
function shownSymbol(d: Difference): string | null {
  return d.kind === "foreign-position" ? d.exchangeSymbol : differenceSymbol(d);
}

/** A reconciliation as the Live page shows it: the exchange's side beside the ledger's, and what it found. */
export function reconciliationJson(result: AccountReconciliation, at: number): LiveReconciliationJson {
  const { reconciliation: r, positions, openOrders } = result;
  const ledger = ledgerPositions(result.legs);
  const byId = new Map(result.orders.map((o) => [o.clientOrderId, o]));
  const byExchangeId = new Map(result.orders.flatMap((o) => (o.exchangeOrderId === null ? [] : [[o.exchangeOrderId, o] as const])));
  const symbols = new Set([...ledger.keys(), ...(positions.kind === "known" ? positions.positions.keys() : [])]);
  const rows = [...symbols].sort().map((symbol) => {
    const ledgerQty = ledger.get(symbol) ?? 0;
    const exchangeQty = positions.kind === "known" ? (positions.positions.get(symbol) ?? 0) : null;
    return { symbol, exchangeQty, ledgerQty, differs: exchangeQty === null || !sameQuantity(exchangeQty, ledgerQty) };
  });
  if (positions.kind === "known") {
    for (const [symbol, qty] of positions.foreign) rows.push({ symbol, exchangeQty: qty, ledgerQty: 0, differs: true });
  }
  return {
    at,
    clean: r.differences.length === 0 && result.unprotected.size === 0,
    suggestedMode: r.suggestedMode,
    reasons: [...r.reasons],
    differences: r.differences.map((d) => ({ kind: d.kind, symbol: shownSymbol(d), message: d.message })),
    entriesBlocked: r.entriesBlocked,
    blockedSymbols: [...r.blockedSymbols].sort(),
    unprotected: [...result.unprotected].map(([symbol, why]) => ({ symbol, why })),
    positions: { known: positions.kind === "known", reason: positions.kind === "unknown" ? positions.reason : null, rows },
    openOrders: {
      known: openOrders.kind === "known",
      reason: openOrders.kind === "unknown" ? openOrders.reason : null,
      rows:
        openOrders.kind === "known"
          ? openOrders.orders.map((o) => {
              const ours = (o.clientOrderId === null ? undefined : byId.get(o.clientOrderId)) ?? byExchangeId.get(o.exchangeOrderId);
              return {
                clientOrderId: o.clientOrderId,
                exchangeOrderId: o.exchangeOrderId,
                symbol: o.symbol ?? o.exchangeSymbol,
                side: o.side,
                qty: o.qty,
                kind: o.type,
                reduceOnly: o.reduceOnly,
                triggerPrice: o.triggerPrice,
                role: ours?.purpose ?? "external",
              };
            })
          : [],
    },
  };
}
