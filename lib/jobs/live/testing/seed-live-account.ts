import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { upsertHypotheses } from "@/db/queries/hypotheses";
import { armLiveAccount, insertLiveAccount, recordReconciliation, type LiveAccountRow } from "@/db/queries/live-accounts";
import type { PaperAccountRow } from "@/db/queries/paper";
import { liveAccounts, liveEvents, liveOrders, paperAccounts } from "@/db/schema";
import { configSchema } from "@/lib/config-schema";
import type { LiveBalanceJson, LiveReconciliationJson } from "@/lib/contract/live";
import { hypothesis } from "@/lib/paper/testing/test-hypothesis";
import type { LiveEnvironment } from "@/lib/trading/live-settings";
import { liveLimitsSchema } from "@/lib/trading/live-settings";
import { createPaperAccount } from "../../paper/start-paper-account";

export const SEED_HYPOTHESIS = hypothesis({ id: "seed-rsi-long-5m", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 30"], stopLoss: "1.5 ATR below entry", target: "2R" });
export const SEED_SYMBOL = "BTCUSDT.P";

export interface SeededLiveAccount {
  readonly live: LiveAccountRow;
  readonly paper: PaperAccountRow;
}

/**
 * A live account as `npm run live -- create` leaves it (its own live-feed paper account, default limits), armed
 * unless told otherwise, with the trader's last reconciliation and balance when given: the rows the Live page reads.
 */
export async function seedLiveAccount(
  db: Database,
  options: { name?: string; environment?: LiveEnvironment; armedBy?: string | null; reconciliation?: LiveReconciliationJson; balance?: LiveBalanceJson; at?: number } = {},
): Promise<SeededLiveAccount> {
  const at = options.at ?? Date.now();
  await upsertHypotheses(db, [SEED_HYPOTHESIS], "custom");
  const paper = await createPaperAccount(db, configSchema.parse({}), { feed: "live", hypothesisIds: [SEED_HYPOTHESIS.id], symbols: [SEED_SYMBOL], name: `${options.name ?? "seeded"} (paper)` });
  let live = await insertLiveAccount(db, { name: options.name ?? "seeded live", paperAccountId: paper.id, environment: options.environment ?? "demo", limits: liveLimitsSchema.parse({}) });
  const armedBy = options.armedBy === undefined ? "seed (test)" : options.armedBy;
  if (armedBy !== null) await armLiveAccount(db, live.id, armedBy, at, `${armedBy} armed account ${live.id}`);
  if (options.reconciliation) await recordReconciliation(db, live.id, options.reconciliation, options.balance ?? null);
  live = { ...live, armedAt: armedBy === null ? null : new Date(at), armedBy };
  return { live, paper };
}

/** A reconciliation that found the exchange holding more BTC than the ledger: entries blocked, one stop resting. */
export function differingReconciliation(at: number): LiveReconciliationJson {
  return {
    at,
    clean: false,
    suggestedMode: "reducing",
    reasons: ["the exchange holds 0.2 BTCUSDT.P and the ledger 0.1"],
    differences: [{ kind: "position-mismatch", symbol: SEED_SYMBOL, message: "exchange 0.2, ledger 0.1" }],
    entriesBlocked: true,
    blockedSymbols: [SEED_SYMBOL],
    unprotected: [],
    positions: {
      known: true,
      reason: null,
      rows: [
        { symbol: SEED_SYMBOL, exchangeQty: 0.2, ledgerQty: 0.1, differs: true },
        { symbol: "ETHUSDT.P", exchangeQty: 0, ledgerQty: 0, differs: false },
      ],
    },
    openOrders: {
      known: true,
      reason: null,
      rows: [{ clientOrderId: null, exchangeOrderId: "ex-stop-1", symbol: SEED_SYMBOL, side: "sell", qty: 0.1, kind: "stop", reduceOnly: true, triggerPrice: 48_000, role: "external" }],
    },
  };
}

export const SEED_BALANCE = (at: number): LiveBalanceJson => ({ balance: 10_000, availableMargin: 9_000, initialMargin: 1_000, unrealizedPnl: 12.5, readAt: at });

/** Deletes what seedLiveAccount made (and whatever the account logged since), so a shared store is left as found. */
export async function removeSeededLiveAccount(db: Database, { live, paper }: SeededLiveAccount): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(liveEvents).where(eq(liveEvents.accountId, live.id));
    await tx.delete(liveOrders).where(eq(liveOrders.accountId, live.id));
    await tx.delete(liveAccounts).where(eq(liveAccounts.id, live.id));
    await tx.delete(paperAccounts).where(eq(paperAccounts.id, paper.id));
  });
}
