import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { LifecycleEventJson, LifecycleNotification, LifecyclePairJson } from "@/lib/contract/lifecycle";
import { lifecycleNotificationSchema } from "@/lib/contract/lifecycle";
import type { LifecycleMove, TrackedPair } from "@/lib/lifecycle/decide-lifecycle-moves";
import { actorName, manualMovesFrom, transitionRefusal, type LifecycleState } from "@/lib/lifecycle/lifecycle-state";
import { moveEvidenceSchema } from "@/lib/lifecycle/move-evidence";
import type { Database } from "../client";
import { resultRows } from "./result-rows";
import { hypotheses, hypothesisLifecycle, lifecycleEvents } from "../schema";

export type LifecycleEventRow = typeof lifecycleEvents.$inferSelect;

/** A move refused when it is applied: the pair is not where the move starts (someone moved it meanwhile), or the table forbids it. */
export class LifecycleMoveError extends Error {
  constructor(
    readonly code: "LIFECYCLE_MOVE_REFUSED" | "LIFECYCLE_MOVE_CONFLICT",
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "LifecycleMoveError";
  }
}

/** A decided move with the paper account it leaves the pair on: set when it enters paper, kept into live, cleared otherwise. */
export interface AppliedMove extends LifecycleMove {
  readonly paperAccountId: string | null;
}

/** Every tracked pair as the loop decides from it. */
export async function listTrackedPairs(db: Database): Promise<TrackedPair[]> {
  const rows = await db.select().from(hypothesisLifecycle);
  return rows.map((r) => ({ hypothesisId: r.hypothesisId, symbol: r.symbol, state: r.state, paperAccountId: r.paperAccountId }));
}

/**
 * Applies moves in one transaction: each pair must still be in the move's `from` state (a pair first entered must not
 * exist yet) and the move must be allowed for its actor; otherwise nothing at all is written. Each move updates the
 * pair and appends its event. Returns the events' ids, in the moves' order.
 */
export async function applyLifecycleMoves(db: Database, moves: readonly AppliedMove[], context: { jobId?: string | null; at?: Date } = {}): Promise<number[]> {
  if (moves.length === 0) return [];
  const at = context.at ?? new Date();
  return db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const move of moves) {
      const refusal = transitionRefusal(move.from, move.to, move.actor);
      if (refusal !== null) throw new LifecycleMoveError("LIFECYCLE_MOVE_REFUSED", `${move.hypothesisName} on ${move.symbol}: ${refusal}`, "to");
      const where = and(eq(hypothesisLifecycle.hypothesisId, move.hypothesisId), eq(hypothesisLifecycle.symbol, move.symbol));
      const changed =
        move.from === null
          ? await tx
              .insert(hypothesisLifecycle)
              .values({ hypothesisId: move.hypothesisId, symbol: move.symbol, state: move.to, paperAccountId: move.paperAccountId, since: at })
              .onConflictDoNothing()
              .returning({ id: hypothesisLifecycle.hypothesisId })
          : await tx
              .update(hypothesisLifecycle)
              .set({ state: move.to, paperAccountId: move.paperAccountId, since: at })
              .where(and(where, eq(hypothesisLifecycle.state, move.from)))
              .returning({ id: hypothesisLifecycle.hypothesisId });
      if (changed.length === 0) {
        throw new LifecycleMoveError("LIFECYCLE_MOVE_CONFLICT", `${move.hypothesisName} on ${move.symbol} is no longer ${move.from ?? "untracked"} (it was moved meanwhile): nothing was changed; look again`);
      }
      const [event] = await tx
        .insert(lifecycleEvents)
        .values({
          hypothesisId: move.hypothesisId,
          symbol: move.symbol,
          fromState: move.from,
          toState: move.to,
          reason: move.reason,
          evidence: moveEvidenceSchema.parse(move.evidence),
          actor: actorName(move.actor),
          jobId: context.jobId ?? null,
          createdAt: at,
        })
        .returning({ id: lifecycleEvents.id });
      if (!event) throw new Error("appending a lifecycle event returned no row");
      ids.push(event.id);
    }
    return ids;
  });
}

/**
 * What became of a move's webhook notification: the one field of an event written after it was appended, since the
 * hook is called once the move is committed (a failed hook never undoes a move).
 */
export async function recordNotification(db: Database, eventId: number, notification: LifecycleNotification): Promise<void> {
  await db.update(lifecycleEvents).set({ notification }).where(eq(lifecycleEvents.id, eventId));
}

async function namesOf(db: Database, ids: readonly string[]): Promise<Map<string, { name: string; timeframe: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: hypotheses.id, name: hypotheses.name, timeframe: hypotheses.timeframe }).from(hypotheses).where(inArray(hypotheses.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, timeframe: r.timeframe }]));
}

function eventJson(row: LifecycleEventRow, name: string): LifecycleEventJson {
  const notification = lifecycleNotificationSchema.safeParse(row.notification);
  return {
    id: row.id,
    hypothesisId: row.hypothesisId,
    hypothesisName: name,
    symbol: row.symbol,
    from: row.fromState,
    to: row.toState,
    reason: row.reason,
    evidence: moveEvidenceSchema.parse(row.evidence),
    actor: row.actor,
    jobId: row.jobId,
    notification: notification.success ? notification.data : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Lifecycle events as the API sends them: newest first, or one pair's history oldest first. */
export async function listLifecycleEvents(db: Database, options: { hypothesisId?: string; symbol?: string; jobId?: string; limit?: number } = {}): Promise<LifecycleEventJson[]> {
  const conditions = [
    options.hypothesisId === undefined ? undefined : eq(lifecycleEvents.hypothesisId, options.hypothesisId),
    options.symbol === undefined ? undefined : eq(lifecycleEvents.symbol, options.symbol),
    options.jobId === undefined ? undefined : eq(lifecycleEvents.jobId, options.jobId),
  ].filter((c) => c !== undefined);
  const history = options.hypothesisId !== undefined && options.symbol !== undefined;
  const rows = await db
    .select()
    .from(lifecycleEvents)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(history ? asc(lifecycleEvents.id) : desc(lifecycleEvents.id))
    .limit(options.limit ?? 500);
  const names = await namesOf(db, rows.map((r) => r.hypothesisId));
  return rows.map((r) => eventJson(r, names.get(r.hypothesisId)?.name ?? r.hypothesisId));
}

/** Every tracked pair with its hypothesis's name and the reason of its last move, by state then name. */
export async function listLifecyclePairs(db: Database): Promise<LifecyclePairJson[]> {
  const rows = await db.select().from(hypothesisLifecycle);
  // Each pair's newest move, in one query.
  const latest = resultRows<{ hypothesis_id: string; symbol: string; reason: string }>(
    await db.execute(sql`select distinct on (hypothesis_id, symbol) hypothesis_id, symbol, reason from ${lifecycleEvents} order by hypothesis_id, symbol, id desc`),
  );
  const lastReason = new Map(latest.map((r) => [`${r.hypothesis_id}|${r.symbol}`, r.reason]));
  const names = await namesOf(db, rows.map((r) => r.hypothesisId));
  const order: Record<LifecycleState, number> = { live: 0, paper: 1, passed: 2, candidate: 3, retired: 4 };
  return rows
    .map((r) => ({
      hypothesisId: r.hypothesisId,
      hypothesisName: names.get(r.hypothesisId)?.name ?? r.hypothesisId,
      timeframe: names.get(r.hypothesisId)?.timeframe ?? null,
      symbol: r.symbol,
      state: r.state,
      paperAccountId: r.paperAccountId,
      since: r.since.toISOString(),
      lastReason: lastReason.get(`${r.hypothesisId}|${r.symbol}`) ?? null,
      manualMoves: manualMovesFrom(r.state),
    }))
    .sort((a, b) => order[a.state] - order[b.state] || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol));
}

export async function getTrackedPair(db: Database, hypothesisId: string, symbol: string): Promise<TrackedPair | undefined> {
  const [row] = await db
    .select()
    .from(hypothesisLifecycle)
    .where(and(eq(hypothesisLifecycle.hypothesisId, hypothesisId), eq(hypothesisLifecycle.symbol, symbol)));
  return row ? { hypothesisId: row.hypothesisId, symbol: row.symbol, state: row.state, paperAccountId: row.paperAccountId } : undefined;
}
