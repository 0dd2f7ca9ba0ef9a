import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { listRunsOfBatches } from "@/db/queries/backtest-views";
import { listBatches } from "@/db/queries/backtests";
import { toRunSummary } from "@/db/queries/run-json";
import { errorResponse } from "../error-response";

export const dynamic = "force-dynamic";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });

/** Recent backtest batches, newest first, each with its runs' headline metrics (`finished` once its summary is stored). */
export async function GET(request: Request) {
  try {
    const { limit } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db } = await getDatabase();
    const batches = await listBatches(db, limit);
    const runs = await listRunsOfBatches(db, batches.map((b) => b.id));
    return NextResponse.json({
      batches: batches.map((b) => ({
        id: b.id,
        label: b.label,
        jobId: b.jobId,
        createdAt: b.createdAt.toISOString(),
        finished: b.summary !== null,
        settings: b.settings,
        runs: runs.filter((r) => r.batchId === b.id).map(toRunSummary),
      })),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
