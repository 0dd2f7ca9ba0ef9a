import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { LiveBalanceJson, LiveReconciliationJson } from "@/lib/contract/live";
import { enterIntentSchema, type EnterIntent, type Intent } from "@/lib/trading/intents";
import type { ModeChange } from "@/lib/trading/account-mode";
import { describeModeChange } from "@/lib/trading/account-mode";
import type { LiveEnvironment, LiveLimits } from "@/lib/trading/live-settings";
import type { Database } from "../client";
import { liveAccounts, liveEvents, liveIntents } from "../schema";

export type LiveAccountRow = typeof liveAccounts.$inferSelect;

export interface NewLiveAccount {
  readonly name: string;
  readonly paperAccountId: string;
  readonly environment: LiveEnvironment;
  readonly limits: LiveLimits;
}

export async function insertLiveAccount(db: Database, account: NewLiveAccount): Promise<LiveAccountRow> {
  const [row] = await db.insert(liveAccounts).values({ ...account, mode: "active" }).returning();
  if (!row) throw new Error("creating a live account returned no row");
  return row;
}

export async function getLiveAccount(db: Database, id: string): Promise<LiveAccountRow | undefined> {
  const [row] = await db.select().from(liveAccounts).where(eq(liveAccounts.id, id));
  return row;
}

export async function getLiveAccountByPaperAccount(db: Database, paperAccountId: string): Promise<LiveAccountRow | undefined> {
  const [row] = await db.select().from(liveAccounts).where(eq(liveAccounts.paperAccountId, paperAccountId));
  return row;
}

export async function listLiveAccounts(db: Database, limit = 50): Promise<LiveAccountRow[]> {
  return db.select().from(liveAccounts).orderBy(desc(liveAccounts.createdAt)).limit(limit);
}

/** Arms a disarmed account and logs who did it, in one transaction; false when it was armed already. */
export async function armLiveAccount(db: Database, id: string, by: string, at: number, message: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const armed = await tx
      .update(liveAccounts)
      .set({ armedAt: new Date(at), armedBy: by })
      .where(and(eq(liveAccounts.id, id), isNull(liveAccounts.armedAt)))
      .returning({ id: liveAccounts.id });
    if (armed.length === 0) return false;
    await tx.insert(liveEvents).values({ accountId: id, time: new Date(at), kind: "armed", clientOrderId: null, message, detail: { by } });
    return true;
  });
}

/**
 * Applies a mode change (lib/trading's changeAccountMode made it) if the account is still in `change.from`, and logs
 * it with who and why, in one transaction: two changes racing cannot both apply to the same mode.
 */
export async function applyLiveModeChange(db: Database, change: ModeChange): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(liveAccounts)
      .set({ mode: change.to, modeReason: change.reason })
      .where(and(eq(liveAccounts.id, change.accountId), eq(liveAccounts.mode, change.from)))
      .returning({ id: liveAccounts.id });
    if (changed.length === 0) return false;
    await tx.insert(liveEvents).values({ accountId: change.accountId, time: new Date(change.at), kind: "mode-change", clientOrderId: null, message: describeModeChange(change), detail: change });
    return true;
  });
}

/** The trader's last look at the exchange, for the page: what it found, the balance (kept when this read failed). */
export async function recordReconciliation(db: Database, id: string, reconciliation: LiveReconciliationJson, balance: LiveBalanceJson | null): Promise<void> {
  await db
    .update(liveAccounts)
    .set({ lastReconciliation: reconciliation, lastReconciledAt: new Date(reconciliation.at), ...(balance === null ? {} : { balance }) })
    .where(eq(liveAccounts.id, id));
}

export async function recordDeadMansSwitch(db: Database, id: string, refreshedAt: number, cancelsAt: number): Promise<void> {
  await db.update(liveAccounts).set({ deadMansSwitchRefreshedAt: new Date(refreshedAt), deadMansSwitchCancelsAt: new Date(cancelsAt) }).where(eq(liveAccounts.id, id));
}

/** Logs a decision before its orders are stored; the same decision again (a replayed tick) adds nothing. */
export async function recordLiveIntent(db: Database, accountId: string, intent: Exclude<Intent, { kind: "flatten" }>): Promise<void> {
  await db
    .insert(liveIntents)
    .values({ accountId, kind: intent.kind, legId: intent.legId, barCloseTime: intent.barCloseTime, intent })
    .onConflictDoNothing();
}

/** The entry decided for a leg on a bar, if one was: a replayed tick carries it on instead of deciding again. */
export async function findEnterIntent(db: Database, accountId: string, legId: string, barCloseTime: number): Promise<EnterIntent | null> {
  const [row] = await db
    .select({ intent: liveIntents.intent })
    .from(liveIntents)
    .where(and(eq(liveIntents.accountId, accountId), eq(liveIntents.kind, "enter"), eq(liveIntents.legId, legId), eq(liveIntents.barCloseTime, barCloseTime)));
  return row === undefined ? null : enterIntentSchema.parse(row.intent);
}

/** The account's entries, oldest first: the positions reconciliation rebuilds from the ledger's orders. */
export async function listEntryIntents(db: Database, accountId: string): Promise<EnterIntent[]> {
  const rows = await db
    .select({ intent: liveIntents.intent })
    .from(liveIntents)
    .where(and(eq(liveIntents.accountId, accountId), eq(liveIntents.kind, "enter")))
    .orderBy(asc(liveIntents.barCloseTime), asc(liveIntents.legId));
  return rows.map((r) => enterIntentSchema.parse(r.intent));
}
