import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { listLifecycleEvents, listLifecyclePairs } from "@/db/queries/lifecycle";
import type { LifecycleJson } from "@/lib/contract/lifecycle";
import { errorResponse } from "../error-response";

export const dynamic = "force-dynamic";

/** Every tracked hypothesis × instrument with its state, and the latest moves (newest first). */
export async function GET() {
  try {
    const { db } = await getDatabase();
    const [pairs, events] = await Promise.all([listLifecyclePairs(db), listLifecycleEvents(db, { limit: 50 })]);
    return NextResponse.json({ pairs, events } satisfies LifecycleJson);
  } catch (error) {
    return errorResponse(error);
  }
}
