import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { getRun, loadEquity } from "@/db/queries/backtests";
import { runMetrics, toRunSummary } from "@/db/queries/run-json";
import { errorResponse } from "../../../error-response";
import { runIdFrom, runNotFound } from "../../run-id";

export const dynamic = "force-dynamic";

/** One run: headline figures, every metric, diagnostics and the (thinned) equity curve. */
export async function GET(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const id = await runIdFrom(params);
    const { db } = await getDatabase();
    const run = await getRun(db, id);
    if (!run) throw runNotFound(id);
    const equity = await loadEquity(db, id);
    return NextResponse.json({ run: { ...toRunSummary(run), fromTime: run.fromTime, toTime: run.toTime, metrics: runMetrics(run), diagnostics: run.diagnostics }, equity });
  } catch (error) {
    return errorResponse(error);
  }
}
