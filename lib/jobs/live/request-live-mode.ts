import type { JobStore } from "../run-job";
import { PaperAccountError } from "../paper/errors";
import { changeLiveMode, type LiveModeRequest, type LiveModeResult } from "./change-live-mode";
import { isLiveAccountDriven, launchLiveJob, requireLiveAccount } from "./launch-live-job";

/** What a person's mode change did, and who acts on it. */
export type PersonModeResult = LiveModeResult & { readonly note?: string };

/**
 * A person's reduce, halt or resume (the page's buttons, the CLI). A halt is acted on even when no trader runs: one
 * is queued for a worker to cancel every order and close every position, then keep the account flat.
 */
export async function requestLiveMode(store: JobStore, request: LiveModeRequest): Promise<PersonModeResult> {
  const result = await changeLiveMode(store.db, request);
  if (!result.ok) return result;
  const account = await requireLiveAccount(store.db, request.accountId);
  if (await isLiveAccountDriven(store.db, account)) return { ...result, note: "its trader acts on it within a second" };
  if (request.to !== "halted") return { ...result, note: "no trader runs for it: start one with npm run live -- start" };
  try {
    await launchLiveJob(store, account.id);
  } catch (error) {
    // Started by someone else in the meantime: that trader reads the halt.
    if (error instanceof PaperAccountError && error.code === "PAPER_ALREADY_RUNNING") return { ...result, note: "its trader acts on it within a second" };
    throw error;
  }
  return { ...result, note: "no trader was running: one was queued to cancel every order and close every position (a worker must run)" };
}
