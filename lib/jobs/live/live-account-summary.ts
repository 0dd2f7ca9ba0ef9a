import type { z } from "zod";
import type { Database } from "@/db/client";
import { listLiveAccounts, type LiveAccountRow } from "@/db/queries/live-accounts";
import { getAccount, getAccountJob, getAccountJobs, type AccountJob, type PaperAccountRow } from "@/db/queries/paper";
import type { LiveAccountSummary } from "@/lib/contract/live";
import { presentStatus } from "../paper/account-driver";
import { readAccountSettings, readStoredState, type PaperAccountSettings } from "../paper/account-settings";
import { LiveAccountError } from "./errors";

/** A live account with the paper account whose engine decides for it. */
export interface LiveAccountPair {
  readonly live: LiveAccountRow;
  readonly paper: PaperAccountRow;
  readonly settings: PaperAccountSettings;
}

/** A stored JSON column through its contract schema: a row the trader wrote wrongly is named, not shown half-read. */
export function readColumn<S extends z.ZodType>(row: LiveAccountRow, column: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new LiveAccountError("LIVE_CORRUPT_ACCOUNT", `live account ${row.id}: its ${column} cannot be read (${parsed.error.issues[0]?.message ?? "unreadable"}); the trader rewrites it at its next reconciliation`, { cause: parsed.error });
  }
  return parsed.data;
}

export async function pairOf(db: Database, live: LiveAccountRow): Promise<LiveAccountPair> {
  const paper = await getAccount(db, live.paperAccountId);
  // The foreign key restricts deletes, so this means the database was edited by hand.
  if (!paper) throw new LiveAccountError("LIVE_CORRUPT_ACCOUNT", `live account ${live.id} names paper account ${live.paperAccountId}, which does not exist`);
  return { live, paper, settings: readAccountSettings(paper.settings) };
}

const epoch = (d: Date | null) => d?.getTime() ?? null;

/** The account as the list and the page header show it; its trader's status is the paper account's job, as presented. */
export function summaryOf({ live, paper, settings }: LiveAccountPair, job: AccountJob | undefined): LiveAccountSummary {
  const presented = presentStatus(paper, job, readStoredState(paper.state)?.feed.finished === true);
  return {
    id: live.id,
    name: live.name,
    environment: live.environment,
    armed: live.armedAt !== null,
    armedAt: epoch(live.armedAt),
    armedBy: live.armedBy,
    mode: live.mode,
    modeReason: live.modeReason,
    paperAccountId: paper.id,
    status: presented.status,
    error: presented.error,
    driven: presented.driven,
    createdAt: live.createdAt.getTime(),
    symbols: [...new Set(settings.legs.map((l) => l.symbol))],
    hypotheses: settings.hypotheses.map((h) => ({ id: h.id, name: h.name, timeframe: h.timeframe })),
    lastReconciledAt: epoch(live.lastReconciledAt),
    deadMansSwitch: { refreshedAt: epoch(live.deadMansSwitchRefreshedAt), cancelsAt: epoch(live.deadMansSwitchCancelsAt) },
  };
}

/** One account's summary, read afresh (the mode route answers with it after a change). */
export async function liveAccountSummary(db: Database, live: LiveAccountRow): Promise<LiveAccountSummary> {
  const pair = await pairOf(db, live);
  return summaryOf(pair, await getAccountJob(db, pair.paper.jobId));
}

/** Every live account, newest first. */
export async function listLiveAccountSummaries(db: Database): Promise<LiveAccountSummary[]> {
  const pairs = await Promise.all((await listLiveAccounts(db)).map((live) => pairOf(db, live)));
  const jobs = await getAccountJobs(db, pairs.flatMap((p) => (p.paper.jobId ? [p.paper.jobId] : [])));
  return pairs.map((p) => summaryOf(p, p.paper.jobId ? jobs.get(p.paper.jobId) : undefined));
}
