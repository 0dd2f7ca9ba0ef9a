import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import type { PaperComparisonJson } from "@/lib/contract/paper";
import { paperComparison } from "@/lib/jobs/paper/paper-monitor";
import { accountIdFrom, paperErrorResponse } from "../../paper-route-errors";

export const dynamic = "force-dynamic";

/** Paper vs backtest per hypothesis × instrument, with drift against the backtest's Wilson 95% win-rate interval. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await accountIdFrom(params);
    const { db } = await getDatabase();
    return NextResponse.json({ rows: await paperComparison(db, id) } satisfies PaperComparisonJson);
  } catch (error) {
    return paperErrorResponse(error);
  }
}
