import { and, asc, desc, eq, gt } from "drizzle-orm";
import { redactJson, redactSecrets } from "@/lib/security/redact-secrets";
import type { Database } from "../client";
import { liveEvents } from "../schema";

/** One event to log; the broker's BrokerEvent is one, `detail` is any JSON an event carries beside its message. */
export interface NewLiveEvent {
  readonly time: number;
  readonly kind: string;
  readonly clientOrderId: string | null;
  readonly message: string;
  readonly detail?: unknown;
}

export interface LiveEvent extends NewLiveEvent {
  readonly id: number;
  readonly accountId: string;
  readonly detail: unknown;
}

const INSERT_BATCH = 1_000;

/** Appends events in the order given, in one transaction; every text is redacted again here, as at every sink. */
export async function recordLiveEvents(db: Database, accountId: string, events: readonly NewLiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    accountId,
    time: new Date(e.time),
    kind: e.kind,
    clientOrderId: e.clientOrderId,
    message: redactSecrets(e.message),
    detail: e.detail === undefined ? null : redactJson(e.detail),
  }));
  // Ids follow the rows' order within a statement; batches keep each statement under PostgreSQL's parameter limit.
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += INSERT_BATCH) await tx.insert(liveEvents).values(rows.slice(start, start + INSERT_BATCH));
  });
}

/** The account's events after `afterId` (exclusive), oldest first: a reader pages on with the last id it saw. */
export async function listLiveEvents(db: Database, accountId: string, options: { afterId?: number; limit: number }): Promise<LiveEvent[]> {
  const byAccount = eq(liveEvents.accountId, accountId);
  const where = options.afterId === undefined ? byAccount : and(byAccount, gt(liveEvents.id, options.afterId));
  const rows = await db.select().from(liveEvents).where(where).orderBy(asc(liveEvents.id)).limit(options.limit);
  return rows.map((r) => ({ ...r, time: r.time.getTime() }));
}

/** The account's latest `limit` events, newest first: what the Live page's log shows. */
export async function listNewestLiveEvents(db: Database, accountId: string, limit: number): Promise<LiveEvent[]> {
  const rows = await db.select().from(liveEvents).where(eq(liveEvents.accountId, accountId)).orderBy(desc(liveEvents.id)).limit(limit);
  return rows.map((r) => ({ ...r, time: r.time.getTime() }));
}
