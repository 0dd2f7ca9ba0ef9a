import type { Database } from "@/db/client";
import { recordNotification } from "@/db/queries/lifecycle";
import { postAlert, type PostAlertOptions } from "@/lib/alerts/post-alert";
import type { AppConfig } from "@/lib/config-schema";
import type { LifecycleNotification } from "@/lib/contract/lifecycle";
import type { LifecycleMove } from "@/lib/lifecycle/decide-lifecycle-moves";
import type { LifecycleState } from "@/lib/lifecycle/lifecycle-state";

/** Moves up the lifecycle (towards trading) are promotions; moves back or out are demotions. */
const RANK: Record<LifecycleState, number> = { retired: -1, candidate: 0, passed: 1, paper: 2, live: 3 };

/** A pair first entering as a candidate is not news: every judged pair does. Every other move is announced. */
export function isAnnounced(move: Pick<LifecycleMove, "from" | "to">): boolean {
  return move.from !== null;
}

export function notificationKind(move: Pick<LifecycleMove, "from" | "to">): "promotion" | "demotion" {
  return RANK[move.to] > RANK[move.from ?? "candidate"] ? "promotion" : "demotion";
}

export interface NotifyReport {
  readonly delivered: number;
  readonly failed: { readonly eventId: number; readonly reason: string }[];
}

/**
 * POSTs one webhook alert per announced move (lib/alerts: redacted, retried, never throws) and records on each
 * event whether it was delivered. A hook that fails never fails the loop: the failure is on the event and reported.
 */
export async function notifyMoves(db: Database, config: Pick<AppConfig, "alerts">, applied: readonly { eventId: number; move: LifecycleMove }[], options: PostAlertOptions = {}): Promise<NotifyReport> {
  let delivered = 0;
  const failed: NotifyReport["failed"] = [];
  for (const { eventId, move } of applied) {
    if (!isAnnounced(move)) continue;
    const time = Date.now();
    const message = `${move.hypothesisName} on ${move.symbol}: ${move.from} → ${move.to}. ${move.reason}`;
    const delivery = await postAlert(config, { kind: notificationKind(move), message, time }, options);
    const notification: LifecycleNotification = delivery.delivered ? { delivered: true, at: time } : { delivered: false, reason: delivery.reason, at: time };
    await recordNotification(db, eventId, notification);
    if (delivery.delivered) delivered++;
    else failed.push({ eventId, reason: delivery.reason });
  }
  return { delivered, failed };
}
