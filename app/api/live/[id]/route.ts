import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import type { LiveMonitorJson } from "@/lib/contract/live";
import { liveMonitor } from "@/lib/jobs/live/live-monitor";
import { liveAccountIdFrom, liveErrorResponse } from "../live-route-errors";

export const dynamic = "force-dynamic";

/**
 * Everything the Live page shows of one account: its mode and trader, the exchange as last reconciled (positions
 * beside the ledger, open orders, balance), the ledger's orders and fills, the event log and paper against live.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await liveAccountIdFrom(params);
    const { db } = await getDatabase();
    return NextResponse.json((await liveMonitor(db, id)) satisfies LiveMonitorJson);
  } catch (error) {
    return liveErrorResponse(error);
  }
}
