import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import type { PaperMonitorJson } from "@/lib/contract/paper";
import { paperMonitor } from "@/lib/jobs/paper/paper-monitor";
import { accountIdFrom, paperErrorResponse } from "../paper-route-errors";

export const dynamic = "force-dynamic";

/**
 * The monitor's data for one account: equity curve, open positions, signals, fills, breakers, feed status, and its
 * status as presented (stopped and resumable when the job it was running in died).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await accountIdFrom(params);
    const { db } = await getDatabase();
    return NextResponse.json((await paperMonitor(db, id)) satisfies PaperMonitorJson);
  } catch (error) {
    return paperErrorResponse(error);
  }
}
