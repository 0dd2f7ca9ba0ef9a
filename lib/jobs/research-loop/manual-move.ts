import { getHypothesis } from "@/db/queries/hypotheses";
import { applyLifecycleMoves, getTrackedPair, LifecycleMoveError, listLifecycleEvents } from "@/db/queries/lifecycle";
import { getLiveAccountByPaperAccount } from "@/db/queries/live-accounts";
import type { AppConfig } from "@/lib/config-schema";
import type { LifecycleEventJson, LifecycleManualMove } from "@/lib/contract/lifecycle";
import type { LifecycleMove } from "@/lib/lifecycle/decide-lifecycle-moves";
import type { JobStore } from "../run-job";
import { notifyMoves } from "./notify-moves";
import { stopEmptiedAccounts } from "./promoted-account";

/** A pair the lifecycle does not track: there is nothing to move. */
export class LifecyclePairNotFoundError extends Error {
  readonly code = "LIFECYCLE_PAIR_NOT_FOUND";
  readonly field = "symbol";
  constructor(hypothesisId: string, symbol: string) {
    super(`the lifecycle does not track ${hypothesisId} on ${symbol}`);
    this.name = "LifecyclePairNotFoundError";
  }
}

/**
 * A person's move by hand (retire, or back to research), with their reason: applied like the loop's moves (checked
 * against the transition table, one transaction, an event naming them), announced on the webhook, and the pair's
 * paper account stopped once it trades nothing else. A live account is never touched: retiring a live pair says
 * the person must halt or disarm it.
 */
export async function moveByHand(store: JobStore, config: Pick<AppConfig, "alerts">, hypothesisId: string, input: LifecycleManualMove, by: string): Promise<LifecycleEventJson> {
  const pair = await getTrackedPair(store.db, hypothesisId, input.symbol);
  if (!pair) throw new LifecyclePairNotFoundError(hypothesisId, input.symbol);
  if (pair.state === input.to) throw new LifecycleMoveError("LIFECYCLE_MOVE_CONFLICT", `${hypothesisId} on ${input.symbol} is ${pair.state} already`, "to");
  const name = (await getHypothesis(store.db, hypothesisId))?.name ?? hypothesisId;
  const live = pair.state === "live" && pair.paperAccountId ? await getLiveAccountByPaperAccount(store.db, pair.paperAccountId) : undefined;
  const personMust = live ? `Live account ${live.name} still trades it: halt or disarm it on the Live page.` : null;
  const move: LifecycleMove = {
    hypothesisId,
    hypothesisName: name,
    symbol: input.symbol,
    from: pair.state,
    to: input.to,
    reason: `${input.to === "retired" ? "Retired" : "Sent back to research"} by ${by}: ${input.reason}${personMust ? ` ${personMust}` : ""}`,
    evidence: { kind: "manual", note: input.reason },
    actor: { kind: "person", name: by },
    personMust,
  };
  const [eventId] = await applyLifecycleMoves(store.db, [{ ...move, paperAccountId: null }]);
  if (eventId === undefined) throw new Error("the manual move recorded no event");
  if (pair.paperAccountId && (pair.state === "paper" || pair.state === "live")) await stopEmptiedAccounts(store, [pair.paperAccountId]);
  await notifyMoves(store.db, config, [{ eventId, move }]);
  const event = (await listLifecycleEvents(store.db, { hypothesisId, symbol: input.symbol })).find((e) => e.id === eventId);
  if (!event) throw new Error("the manual move's event could not be read back");
  return event;
}
