import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { getRun } from "@/db/queries/backtests";
import { loadRunEquity, runAccount } from "@/db/queries/run-equity";
import type { RunEquityJson } from "@/lib/contract/backtests";
import { errorResponse, HttpError } from "../../../../error-response";
import { runIdFrom, runNotFound } from "../../../run-id";

export const dynamic = "force-dynamic";

/** A run's equity from its period start at the starting capital (USDT), with buy & hold of its instrument beside it. */
export async function GET(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const id = await runIdFrom(params);
    const { db } = await getDatabase();
    const run = await getRun(db, id);
    if (!run) throw runNotFound(id);
    const { account } = await runAccount(db, run);
    const equity = await loadRunEquity(db, run, account?.startingEquity ?? null);
    if (!equity) throw new HttpError(404, `backtest run ${id} has no stored equity curve`, "runId");
    return NextResponse.json(equity satisfies RunEquityJson);
  } catch (error) {
    return errorResponse(error);
  }
}
