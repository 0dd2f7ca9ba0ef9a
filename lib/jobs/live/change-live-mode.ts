import type { Database } from "@/db/client";
import { applyLiveModeChange, getLiveAccount } from "@/db/queries/live-accounts";
import { changeAccountMode, describeModeChange, type AccountMode, type ModeActor } from "@/lib/trading/account-mode";

export interface LiveModeRequest {
  readonly accountId: string;
  readonly to: AccountMode;
  readonly by: ModeActor;
  readonly reason: string;
  readonly at?: number;
}

export type LiveModeResult = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly code: "NO_CHANGE" | "NEEDS_A_PERSON" | "NOT_FOUND"; readonly message: string };

/**
 * Moves a live account to another mode and logs who, when and why (lib/trading's changeAccountMode decides whether
 * the actor may). The trader reads the mode back within a second; a halt then cancels and closes everything.
 */
export async function changeLiveMode(db: Database, request: LiveModeRequest): Promise<LiveModeResult> {
  const account = await getLiveAccount(db, request.accountId);
  if (account === undefined) return { ok: false, code: "NOT_FOUND", message: `no live account ${request.accountId}` };
  const decided = changeAccountMode(account.mode, { accountId: account.id, to: request.to, by: request.by, at: request.at ?? Date.now(), reason: request.reason });
  if (!decided.ok) return decided;
  if (!(await applyLiveModeChange(db, decided.change))) {
    return { ok: false, code: "NO_CHANGE", message: `live account ${account.name} changed mode meanwhile; look again before changing it` };
  }
  return { ok: true, message: describeModeChange(decided.change) };
}
