import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { listTradesPage } from "@/db/queries/backtest-views";
import { getRun } from "@/db/queries/backtests";
import { toTradeJson } from "@/db/queries/run-json";
import { loadTradeExcursions } from "@/db/queries/trade-excursions";
import { tradeReasonSchema, type TradesPageJson } from "@/lib/contract/backtests";
import { errorResponse } from "../../../../error-response";
import { runIdFrom, runNotFound } from "../../../run-id";

export const dynamic = "force-dynamic";

/** Without `limit` a run's whole trade list comes back (the run page filters and pages it in the browser). */
const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100_000).default(100_000),
  offset: z.coerce.number().int().min(0).max(100_000_000).default(0),
  side: z.enum(["long", "short"]).optional(),
  reason: tradeReasonSchema.optional(),
});

/** A run's trades in order with their MAE/MFE, paged with limit/offset and filtered by side and exit reason; `total` counts before paging. */
export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const id = await runIdFrom(params);
    const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db } = await getDatabase();
    const run = await getRun(db, id);
    if (!run) throw runNotFound(id);
    const page = await listTradesPage(db, id, q);
    const excursions = await loadTradeExcursions(db, run, page.rows);
    return NextResponse.json({ total: page.total, trades: page.rows.map((t, i) => toTradeJson(t, excursions[i] ?? null)) } satisfies TradesPageJson);
  } catch (error) {
    return errorResponse(error);
  }
}
