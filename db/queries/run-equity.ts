import { equityFromStart, startingEquityOf } from "@/lib/analysis/equity-from-start";
import { batchAccountSchema, type RunEquityJson } from "@/lib/contract/backtests";
import { timeframeSchema } from "@/lib/market/timeframe";
import type { Database } from "../client";
import { getBatch, loadEquity, type RunRow } from "./backtests";
import { loadBuyAndHold } from "./buy-and-hold";
import { runMetrics } from "./run-json";

/** The account a run's batch stored (starting capital, sizing); null for batches stored before it was recorded. */
export async function runAccount(db: Database, run: RunRow) {
  const batch = await getBatch(db, run.batchId);
  const parsed = batchAccountSchema.safeParse(batch?.settings);
  return { batch, account: parsed.success ? parsed.data : null };
}

/**
 * A run's equity as its charts show it: from the period start at the starting capital (the batch's, else read back
 * from the final equity and net return), with buy & hold of the instrument over the same period beside it.
 */
export async function loadRunEquity(db: Database, run: RunRow, startingCapital: number | null): Promise<RunEquityJson | null> {
  const stored = await loadEquity(db, run.id);
  const startingEquity = startingCapital ?? startingEquityOf(stored, runMetrics(run).netReturn);
  if (startingEquity === null) return null;
  const timeframe = timeframeSchema.parse(run.timeframe);
  const buyAndHold = await loadBuyAndHold(db, { symbol: run.symbol, timeframe, fromTime: run.fromTime, toTime: run.toTime }, stored.map((p) => p.time), startingEquity);
  return { startingEquity, strategy: equityFromStart(stored, run.fromTime, startingEquity), buyAndHold };
}
