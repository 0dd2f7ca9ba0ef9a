import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { getBatch, listBatches } from "@/db/queries/backtests";
import { loadBatchesJson } from "@/db/queries/batch-json";
import type { BatchListJson } from "@/lib/contract/backtests";
import { errorResponse, HttpError } from "../error-response";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  /** One batch by id: the Backtests page loads a folded batch's runs when it is opened. */
  batch: z.uuid().optional(),
});

/** Recent backtest batches, newest first (or the one named by `batch`), each with its runs' headline metrics (`finished` once its summary is stored). */
export async function GET(request: Request) {
  try {
    const { limit, batch } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db } = await getDatabase();
    const batches = batch ? [await getBatch(db, batch)].filter((b) => b !== undefined) : await listBatches(db, limit);
    if (batch && batches.length === 0) throw new HttpError(404, "no such batch", "batch");
    return NextResponse.json({ batches: await loadBatchesJson(db, batches) } satisfies BatchListJson);
  } catch (error) {
    return errorResponse(error);
  }
}
