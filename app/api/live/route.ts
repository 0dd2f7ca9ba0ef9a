import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import type { LiveAccountsJson } from "@/lib/contract/live";
import { listLiveAccountSummaries } from "@/lib/jobs/live/live-monitor";
import { liveErrorResponse } from "./live-route-errors";

export const dynamic = "force-dynamic";

/** Live accounts, newest first, each with its mode, armed state and its trader's status. */
export async function GET() {
  try {
    const { db } = await getDatabase();
    return NextResponse.json({ accounts: await listLiveAccountSummaries(db) } satisfies LiveAccountsJson);
  } catch (error) {
    return liveErrorResponse(error);
  }
}
