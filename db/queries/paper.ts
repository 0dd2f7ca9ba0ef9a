import { and, asc, desc, eq, gte, inArray, lte, sql, TransactionRollbackError } from "drizzle-orm";
import type { PaperEvent, PaperState } from "@/lib/paper";
import { tickLedger } from "@/lib/paper/paper-ledger";
import { redactJson, redactSecrets } from "@/lib/security/redact-secrets";
import type { Database } from "../client";
import { backtestRuns, jobs, paperAccounts, paperEquity, paperEvents, paperFills, paperOrders, paperPositions } from "../schema";
import { jobIsAlive, type JobRow } from "./jobs";
import { resultRows } from "./result-rows";

export type PaperAccountRow = typeof paperAccounts.$inferSelect;
export type PaperAccountStatus = PaperAccountRow["status"];
export type PaperPositionRow = typeof paperPositions.$inferSelect;
export type PaperFillRow = typeof paperFills.$inferSelect;
export type PaperEventRow = typeof paperEvents.$inferSelect;

/**
 * What `paper_accounts.state` holds: the engine snapshot plus the ids of rows a later tick updates (an entry order
 * fills one or more ticks after it was placed; a position closes later). Kept in the same JSON as the snapshot so
 * both move together, in the tick's transaction.
 */
export interface StoredPaperState {
  readonly engine: PaperState;
  /** Open entry order per leg id. */
  readonly orders: Readonly<Record<string, string>>;
  /** Open position per leg id. */
  readonly positions: Readonly<Record<string, string>>;
  /** Feed pace, for the monitor: wall-clock time of the last commit and bars per second over the recent window. */
  readonly feed: { readonly updatedAt: number; readonly barsPerSecond: number | null; readonly bars: number; readonly finished?: boolean; readonly live?: LiveFeedState };
}

/** The live exchange feed's last reported state (live feed only): what the monitor shows as live / stale / error. */
export interface LiveFeedState {
  readonly state: "live" | "stale" | "error";
  /** Wall-clock time of the report. */
  readonly at: number;
  readonly lastBarClose: number | null;
  readonly sinceMs?: number;
  readonly message?: string;
}

export interface NewPaperAccount {
  readonly name: string;
  readonly startingEquity: number;
  readonly feed: "replay" | "live";
  readonly settings: unknown;
}

export async function createAccount(db: Database, account: NewPaperAccount): Promise<PaperAccountRow> {
  const [row] = await db
    .insert(paperAccounts)
    .values({ name: account.name, startingEquity: account.startingEquity, cash: account.startingEquity, feed: account.feed, settings: account.settings, status: "stopped" })
    .returning();
  if (!row) throw new Error("creating a paper account returned no row");
  return row;
}

export async function getAccount(db: Database, id: string): Promise<PaperAccountRow | undefined> {
  const [row] = await db.select().from(paperAccounts).where(eq(paperAccounts.id, id));
  return row;
}

export async function listAccounts(db: Database, limit = 50): Promise<PaperAccountRow[]> {
  return db.select().from(paperAccounts).orderBy(desc(paperAccounts.createdAt)).limit(limit);
}

/** Sets the status (and optionally the error / driving job); `from` makes it conditional (a compare-and-set). */
export async function setAccountStatus(
  db: Database,
  id: string,
  status: PaperAccountStatus,
  fields: { error?: string | null; jobId?: string | null; from?: readonly PaperAccountStatus[] } = {},
): Promise<boolean> {
  const set: Partial<typeof paperAccounts.$inferInsert> = { status };
  if (fields.error !== undefined) set.error = fields.error === null ? null : redactSecrets(fields.error);
  if (fields.jobId !== undefined) set.jobId = fields.jobId;
  const where = fields.from ? and(eq(paperAccounts.id, id), inArray(paperAccounts.status, [...fields.from])) : eq(paperAccounts.id, id);
  const rows = await db.update(paperAccounts).set(set).where(where).returning({ id: paperAccounts.id });
  return rows.length > 0;
}

/** Marks a replay that reached the end of its period (a resume is then refused) and stops it. */
export async function markAccountFinished(db: Database, id: string): Promise<void> {
  await db
    .update(paperAccounts)
    .set({ status: "stopped", error: null, state: sql`case when ${paperAccounts.state} is null then null else jsonb_set(${paperAccounts.state}, '{feed,finished}', 'true'::jsonb) end` })
    .where(eq(paperAccounts.id, id));
}

// ---------------------------------------------------------------------------------------------------------------
// Which job drives an account: decided from the jobs table alone, by the database's clock (the one heartbeats use).
// A job drives its account while it is alive (jobIsAlive: queued, or running with a heartbeat younger than
// STALE_JOB_SECONDS).

/** Why an account left running or paused by a job that is no longer alive is shown (and, by the sweep, stored) as stopped. */
export const ORPHANED_ACCOUNT_REASON = "its worker stopped; resume to continue from the last committed bar";

export interface AccountJob {
  readonly job: JobRow;
  /** Queued, or running with a live heartbeat. */
  readonly alive: boolean;
}

/** The jobs named by accounts (`paper_accounts.job_id`), each with whether it is alive; missing ids are absent. */
export async function getAccountJobs(db: Database, jobIds: readonly string[]): Promise<Map<string, AccountJob>> {
  if (jobIds.length === 0) return new Map();
  const rows = await db.select({ job: jobs, alive: sql<boolean>`${jobIsAlive}` }).from(jobs).where(inArray(jobs.id, [...jobIds]));
  return new Map(rows.map((r) => [r.job.id, { job: r.job, alive: r.alive }]));
}

/** The job an account names, with whether it is alive; undefined without one or when the row is gone. */
export async function getAccountJob(db: Database, jobId: string | null): Promise<AccountJob | undefined> {
  return jobId ? (await getAccountJobs(db, [jobId])).get(jobId) : undefined;
}

/**
 * Makes `jobId` the account's driver, atomically: refused while another job that is alive drives it, or once
 * `jobId` was asked to cancel. Taking it over from a dead job sets it running and clears the old error; when it
 * already names `jobId` (the launcher pointed it there first) status and error are left as they are, so a pause or a
 * failure written since is kept. Returns whether `jobId` drives the account now.
 */
export async function claimAccountForJob(db: Database, accountId: string, jobId: string): Promise<boolean> {
  const mine = sql`${paperAccounts.jobId} = ${jobId}::uuid`;
  const rows = await db
    .update(paperAccounts)
    .set({
      status: sql`case when ${mine} then ${paperAccounts.status} else 'running' end`,
      error: sql`case when ${mine} then ${paperAccounts.error} else null end`,
      jobId,
    })
    .where(
      and(
        eq(paperAccounts.id, accountId),
        sql`not exists (select 1 from ${jobs} where ${jobs.id} = ${jobId}::uuid and ${jobs.cancelRequested} > 0)`,
        sql`(${paperAccounts.jobId} is null or ${mine} or not exists (select 1 from ${jobs} where ${jobs.id} = ${paperAccounts.jobId} and ${jobIsAlive}))`,
      ),
    )
    .returning({ id: paperAccounts.id });
  return rows.length > 0;
}

/**
 * What a running loop reads between ticks: the account's status (pause / stop from any process), and whether `jobId`
 * still drives it (the account names it and it is still running: not failed by the sweep, not replaced). Without a
 * job (a direct run) it always drives.
 */
export async function readAccountControl(db: Database, accountId: string, jobId: string | undefined): Promise<{ status: PaperAccountStatus; driving: boolean } | undefined> {
  const driving =
    jobId === undefined
      ? sql<boolean>`true`
      : sql<boolean>`coalesce(${paperAccounts.jobId} = ${jobId}::uuid and exists (select 1 from ${jobs} where ${jobs.id} = ${jobId}::uuid and ${jobs.status} = 'running'), false)`;
  const [row] = await db.select({ status: paperAccounts.status, driving }).from(paperAccounts).where(eq(paperAccounts.id, accountId));
  return row;
}

/**
 * Writes back what the monitor already shows: accounts stored as running or paused whose job is not alive (failed,
 * cancelled, missing, or its heartbeat stale) become stopped with ORPHANED_ACCOUNT_REASON, resumable from their last
 * committed bar. For the workers' periodic sweep; returns the accounts' ids.
 */
export async function stopOrphanedAccounts(db: Database): Promise<string[]> {
  const rows = await db
    .update(paperAccounts)
    .set({ status: "stopped", error: sql`coalesce(${paperAccounts.error}, ${ORPHANED_ACCOUNT_REASON})` })
    .where(
      and(
        inArray(paperAccounts.status, ["running", "paused"]),
        sql`(${paperAccounts.jobId} is null or not exists (select 1 from ${jobs} where ${jobs.id} = ${paperAccounts.jobId} and ${jobIsAlive}))`,
      ),
    )
    .returning({ id: paperAccounts.id });
  return rows.map((r) => r.id);
}

/**
 * Writes one processed tick in ONE transaction: its ledger rows (lib/paper's tickLedger: new and closed positions,
 * entry and exit orders, fills, the equity mark, notable events) and the engine snapshot with `lastProcessedTime` on the account. A process killed at any point therefore resumes
 * from the last committed tick: the tick after it is replayed from the snapshot, nothing lost, nothing written twice.
 * With `driver`, the tick is written only while that job still drives the account (a worker that lost it, e.g. after
 * a stall the sweep took for death, must not write beside its successor). Returns the state written (with the row
 * ids later ticks update), or null when `driver` no longer drives the account and nothing was written.
 */
export async function persistTick(
  db: Database,
  accountId: string,
  events: readonly PaperEvent[],
  snapshot: PaperState,
  lastProcessedTime: number,
  previous: Pick<StoredPaperState, "orders" | "positions">,
  feed: StoredPaperState["feed"],
  driver?: string,
): Promise<StoredPaperState | null> {
  const ledger = tickLedger(accountId, events, snapshot, previous);
  const { orders, positions, newPositions, positionUpdates, newOrders, orderUpdates, fills, events: eventRows, equity } = ledger;

  // the feed's live state carries the exchange's last error message
  const state: StoredPaperState = { engine: snapshot, orders, positions, feed: redactJson(feed) };
  try {
    await db.transaction(async (tx) => {
      // The account first: it fences out a job that no longer drives it before anything else is written.
      const updated = await tx
        .update(paperAccounts)
        .set({ state, lastProcessedTime, ...(equity ? { cash: equity.realised } : {}) })
        .where(driver ? and(eq(paperAccounts.id, accountId), eq(paperAccounts.jobId, driver)) : eq(paperAccounts.id, accountId))
        .returning({ id: paperAccounts.id });
      if (driver && updated.length === 0) tx.rollback();
      // Positions before orders (orders reference them), orders before fills.
      if (newPositions.length > 0) await tx.insert(paperPositions).values([...newPositions]);
      for (const [id, set] of positionUpdates) await tx.update(paperPositions).set(set).where(eq(paperPositions.id, id));
      if (newOrders.length > 0) await tx.insert(paperOrders).values([...newOrders]);
      for (const [id, set] of orderUpdates) await tx.update(paperOrders).set(set).where(eq(paperOrders.id, id));
      if (fills.length > 0) await tx.insert(paperFills).values([...fills]);
      if (equity) await tx.insert(paperEquity).values({ accountId, time: equity.time, equity: equity.equity });
      if (eventRows.length > 0) await tx.insert(paperEvents).values([...eventRows]);
    });
  } catch (error) {
    if (error instanceof TransactionRollbackError) return null;
    throw error;
  }
  return state;
}

/** Records the live feed's state in the account's stored state (no-op before the first committed state). */
export async function setPaperFeedStatus(db: Database, accountId: string, live: LiveFeedState): Promise<void> {
  const account = await getAccount(db, accountId);
  const state = account?.state as StoredPaperState | null | undefined;
  if (!state) return;
  await db
    .update(paperAccounts)
    .set({ state: { ...state, feed: { ...state.feed, live: redactJson(live) } } })
    .where(eq(paperAccounts.id, accountId));
}

// ---------------------------------------------------------------------------------------------------------------
// Reads for the monitor

/** The equity curve thinned to about `maxPoints` (every k-th mark plus the last), time ascending. */
export async function loadPaperEquity(db: Database, accountId: string, maxPoints = 1500): Promise<{ time: number; equity: number }[]> {
  const rows = resultRows<{ time: string | number; equity: string | number }>(
    await db.execute(sql`
      with marks as (
        select time, equity, row_number() over (order by time) as n, count(*) over () as total
        from paper_equity where account_id = ${accountId}::uuid
      )
      select time, equity from marks
      where n = total or (n - 1) % greatest(1, ceil(total::float8 / ${maxPoints})::int) = 0
      order by time`),
  );
  return rows.map((r) => ({ time: Number(r.time), equity: Number(r.equity) }));
}

export async function listPaperPositions(db: Database, accountId: string, options: { status?: "open" | "closed"; limit?: number; symbol?: string; fromMs?: number; toMs?: number } = {}): Promise<PaperPositionRow[]> {
  const conditions = [eq(paperPositions.accountId, accountId)];
  if (options.status) conditions.push(eq(paperPositions.status, options.status));
  if (options.symbol) conditions.push(eq(paperPositions.symbol, options.symbol));
  if (options.toMs !== undefined) conditions.push(lte(paperPositions.entryTime, options.toMs));
  if (options.fromMs !== undefined) conditions.push(sql`coalesce(${paperPositions.exitTime}, ${paperPositions.entryTime}) >= ${options.fromMs}`);
  const query = db.select().from(paperPositions).where(and(...conditions)).orderBy(desc(paperPositions.entryTime));
  return options.limit ? query.limit(options.limit) : query;
}

export async function listPaperFills(db: Database, accountId: string, limit = 20): Promise<PaperFillRow[]> {
  return db.select().from(paperFills).where(eq(paperFills.accountId, accountId)).orderBy(desc(paperFills.id)).limit(limit);
}

export async function listPaperEvents(db: Database, accountId: string, options: { kinds?: readonly string[]; limit?: number; fromTime?: number } = {}): Promise<PaperEventRow[]> {
  const conditions = [eq(paperEvents.accountId, accountId)];
  if (options.kinds) conditions.push(inArray(paperEvents.kind, [...options.kinds]));
  if (options.fromTime !== undefined) conditions.push(gte(paperEvents.time, options.fromTime));
  return db.select().from(paperEvents).where(and(...conditions)).orderBy(desc(paperEvents.id)).limit(options.limit ?? 20);
}

/** The latest event of a kind (breaker panel: when the daily limit last tripped, when the drawdown halt came). */
export async function latestPaperEvent(db: Database, accountId: string, kind: string): Promise<PaperEventRow | undefined> {
  const [row] = await db.select().from(paperEvents).where(and(eq(paperEvents.accountId, accountId), eq(paperEvents.kind, kind))).orderBy(desc(paperEvents.id)).limit(1);
  return row;
}

export interface ClosedTradeStats {
  hypothesisId: string;
  symbol: string;
  timeframe: string;
  trades: number;
  wins: number;
  grossProfit: number;
  grossLoss: number;
  netPnl: number;
  averageHoldMinutes: number | null;
}

/** Closed paper trades per hypothesis × instrument: what the paper-vs-backtest table compares. */
export async function closedTradeStats(db: Database, accountId: string): Promise<ClosedTradeStats[]> {
  const rows = resultRows<Record<string, string | number | null>>(
    await db.execute(sql`
      select hypothesis_id, symbol, timeframe, count(*) as trades,
             count(*) filter (where net_pnl > 0) as wins,
             coalesce(sum(net_pnl) filter (where net_pnl > 0), 0) as gross_profit,
             coalesce(-sum(net_pnl) filter (where net_pnl <= 0), 0) as gross_loss,
             coalesce(sum(net_pnl), 0) as net_pnl,
             avg((exit_time - entry_time) / 60000.0) as avg_hold
      from paper_positions where account_id = ${accountId}::uuid and status = 'closed'
      group by hypothesis_id, symbol, timeframe order by hypothesis_id, symbol`),
  );
  return rows.map((r) => ({
    hypothesisId: String(r.hypothesis_id),
    symbol: String(r.symbol),
    timeframe: String(r.timeframe),
    trades: Number(r.trades),
    wins: Number(r.wins),
    grossProfit: Number(r.gross_profit),
    grossLoss: Number(r.gross_loss),
    netPnl: Number(r.net_pnl),
    averageHoldMinutes: r.avg_hold === null ? null : Number(r.avg_hold),
  }));
}

/** Row counts of every paper table for an account (tests: nothing doubled). */
export async function paperRowCounts(db: Database, accountId: string): Promise<Record<"positions" | "orders" | "fills" | "equity" | "events", number>> {
  const count = async (table: typeof paperPositions | typeof paperOrders | typeof paperFills | typeof paperEquity | typeof paperEvents) => {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.accountId, accountId));
    return Number(row?.n ?? 0);
  };
  return {
    positions: await count(paperPositions),
    orders: await count(paperOrders),
    fills: await count(paperFills),
    equity: await count(paperEquity),
    events: await count(paperEvents),
  };
}

export async function listClosedPositionsInOrder(db: Database, accountId: string): Promise<PaperPositionRow[]> {
  return db
    .select()
    .from(paperPositions)
    .where(and(eq(paperPositions.accountId, accountId), eq(paperPositions.status, "closed")))
    .orderBy(asc(paperPositions.exitTime), asc(paperPositions.legId));
}

/** The most recent single-leg backtest run of a hypothesis on an instrument (any batch): the paper-vs-backtest reference. */
export async function latestBacktestRunFor(db: Database, hypothesisId: string, symbol: string): Promise<(typeof backtestRuns.$inferSelect) | undefined> {
  const [row] = await db
    .select()
    .from(backtestRuns)
    .where(and(eq(backtestRuns.hypothesisId, hypothesisId), eq(backtestRuns.symbol, symbol), eq(backtestRuns.kind, "single")))
    .orderBy(desc(backtestRuns.createdAt))
    .limit(1);
  return row;
}
