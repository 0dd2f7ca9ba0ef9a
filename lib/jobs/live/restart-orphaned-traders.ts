import { and, count, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { getLiveAccountByPaperAccount } from "@/db/queries/live-accounts";
import { recordLiveEvents } from "@/db/queries/live-events";
import { liveEvents } from "@/db/schema";
import { errorMessage } from "@/lib/error-message";
import type { JobStore } from "../run-job";
import { launchLiveJob } from "./launch-live-job";

/** Restarts within this window count against the cap: a trader that keeps dying is left for a person. */
const RESTART_WINDOW_MS = 60 * 60_000;
const MAX_RESTARTS = 3;

async function recentRestarts(db: Database, accountId: string, now: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(liveEvents)
    .where(and(eq(liveEvents.accountId, accountId), eq(liveEvents.kind, "trader-restarted"), gt(liveEvents.time, new Date(now - RESTART_WINDOW_MS))));
  return row?.n ?? 0;
}

/**
 * A trader whose worker died (killed, machine gone: the sweep just stopped its decision account as orphaned) is
 * queued again at once, because its dead man's switch has cancelled or soon cancels its stops: the new trader's first
 * reconciliation puts them back. Each restart is an event; after MAX_RESTARTS within an hour it is left stopped, with
 * an event saying so. A trader stopped on request, or one that failed (keys refused), is not orphaned and stays put.
 */
export async function restartOrphanedTraders(store: JobStore, stoppedPaperAccounts: readonly string[], now = Date.now()): Promise<string[]> {
  const restarted: string[] = [];
  for (const paperId of stoppedPaperAccounts) {
    const account = await getLiveAccountByPaperAccount(store.db, paperId);
    if (account === undefined) continue;
    if ((await recentRestarts(store.db, account.id, now)) >= MAX_RESTARTS) {
      await recordLiveEvents(store.db, account.id, [{ time: now, kind: "trader-not-restarted", clientOrderId: null, message: `the trader's worker stopped again; after ${MAX_RESTARTS} restarts within an hour it is left stopped for a person to look at (npm run live -- start)` }]);
      continue;
    }
    try {
      const { job } = await launchLiveJob(store, account.id);
      await recordLiveEvents(store.db, account.id, [{ time: now, kind: "trader-restarted", clientOrderId: null, message: `the trader's worker stopped beating; a new trader was queued (job ${job.id}) to reconcile and put back any stop the dead man's switch cancelled` }]);
      restarted.push(account.id);
    } catch (error) {
      await recordLiveEvents(store.db, account.id, [{ time: now, kind: "trader-not-restarted", clientOrderId: null, message: `the trader's worker stopped and restarting it failed: ${errorMessage(error)}` }]);
    }
  }
  return restarted;
}
