import type { Database } from "@/db/client";
import { listHypotheses } from "@/db/queries/hypotheses";
import { listTrackedPairs } from "@/db/queries/lifecycle";
import { getLiveAccountByPaperAccount } from "@/db/queries/live-accounts";
import { createAccount, setAccountStatus, type PaperAccountRow } from "@/db/queries/paper";
import type { AppConfig } from "@/lib/config-schema";
import { formatUtcMinute } from "@/lib/format";
import { changePaperStatus } from "../paper/change-paper-status";
import { frozenModels, liveFeedSettings } from "../paper/start-paper-account";
import type { JobStore } from "../run-job";

/**
 * A stopped live-feed paper account trading exactly the promoted hypothesis × instrument pairs from now on, named
 * for the loop. One account per loop run: a running account's legs are frozen in its settings (a resume rebuilds
 * the same engine), so new legs get a new account rather than changing one that trades.
 */
export async function createPromotedAccount(db: Database, config: AppConfig, pairs: readonly { hypothesisId: string; symbol: string }[], now = Date.now()): Promise<PaperAccountRow> {
  const found = new Map((await listHypotheses(db, [...new Set(pairs.map((p) => p.hypothesisId))])).map((h) => [h.id, h]));
  const legs = pairs.map((p) => {
    const hypothesis = found.get(p.hypothesisId);
    if (!hypothesis) throw new Error(`hypothesis ${p.hypothesisId} is not stored, so it cannot be paper-traded`);
    return { hypothesis, symbol: p.symbol };
  });
  const name = `Research loop ${formatUtcMinute(now)}`;
  return createAccount(db, { name, startingEquity: config.startingEquity, feed: "live", settings: liveFeedSettings(config, legs, config.startingEquity, now, await frozenModels(db, legs)) });
}

/** Says on an account the loop created (stopped, never started) why it was never started. */
export async function abandonAccount(db: Database, accountId: string, why: string): Promise<void> {
  await setAccountStatus(db, accountId, "stopped", { error: `the research loop created this account but did not start it: ${why}` });
}

/**
 * Stops the paper accounts among `accountIds` that trade nothing the lifecycle still has in paper or live, so a
 * retired hypothesis stops paper-trading once its account has no live pair left. An account a live account decides
 * with is never touched: the loop takes no action on anything live. Answers what it did, for the job's log.
 */
export async function stopEmptiedAccounts(store: JobStore, accountIds: readonly string[]): Promise<string[]> {
  const inUse = new Set((await listTrackedPairs(store.db)).filter((p) => p.state === "paper" || p.state === "live").map((p) => p.paperAccountId));
  const lines: string[] = [];
  for (const id of new Set(accountIds)) {
    if (inUse.has(id)) continue;
    const live = await getLiveAccountByPaperAccount(store.db, id);
    if (live) {
      lines.push(`paper account ${id} trades nothing in paper any more, but live account ${live.name} decides with it: left running for a person to stop`);
      continue;
    }
    const account = await changePaperStatus(store, id, "stopped");
    lines.push(`paper account ${account.name} trades nothing in paper any more: stopped`);
  }
  return lines;
}
