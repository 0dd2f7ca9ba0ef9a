import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { getConfig } from "@/lib/config";
import type { PaperComparisonJson } from "@/lib/contract/paper";
import { paperComparison } from "@/lib/jobs/paper/paper-monitor";
import { accountIdFrom, paperErrorResponse } from "../../paper-route-errors";

export const dynamic = "force-dynamic";

/** Paper vs backtest per hypothesis × instrument (whole run and the paper period), drift judged from the edge analysis's minimum trade count. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await accountIdFrom(params);
    const { db } = await getDatabase();
    return NextResponse.json((await paperComparison(db, id, getConfig().edgeThresholds.minTrades)) satisfies PaperComparisonJson);
  } catch (error) {
    return paperErrorResponse(error);
  }
}
