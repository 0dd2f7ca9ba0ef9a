import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { listLifecycleEvents } from "@/db/queries/lifecycle";
import { getConfig } from "@/lib/config";
import { lifecycleManualMoveSchema, type LifecycleHistoryJson } from "@/lib/contract/lifecycle";
import { moveByHand } from "@/lib/jobs/research-loop/manual-move";
import { callerActor } from "../../caller-actor";
import { errorResponse, readJsonBody } from "../../error-response";

export const dynamic = "force-dynamic";

const hypothesisIdSchema = z.string().min(1).max(200);
const historyQuerySchema = z.object({ symbol: z.string().min(1).max(40) });

/** One hypothesis × instrument's whole history (`?symbol=`), oldest first, with the numbers behind each move. */
export async function GET(request: Request, { params }: { params: Promise<{ hypothesisId: string }> }) {
  try {
    const hypothesisId = hypothesisIdSchema.parse((await params).hypothesisId);
    const { symbol } = historyQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db } = await getDatabase();
    return NextResponse.json({ events: await listLifecycleEvents(db, { hypothesisId, symbol }) } satisfies LifecycleHistoryJson);
  } catch (error) {
    return errorResponse(error);
  }
}

/** A person's move by hand (`{symbol, to: "retired" | "candidate", reason}`), recorded with their name. */
export async function POST(request: Request, { params }: { params: Promise<{ hypothesisId: string }> }) {
  try {
    const by = callerActor(request, "moving a hypothesis through its lifecycle").name;
    const hypothesisId = hypothesisIdSchema.parse((await params).hypothesisId);
    const input = lifecycleManualMoveSchema.parse(await readJsonBody(request, 4 * 1024));
    const event = await moveByHand(await getDatabase(), getConfig(), hypothesisId, input, by);
    return NextResponse.json({ event });
  } catch (error) {
    return errorResponse(error);
  }
}
