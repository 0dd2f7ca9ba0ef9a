import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import type { PaperStatusJson } from "@/lib/contract/paper";
import { changePaperStatus } from "@/lib/jobs/paper/change-paper-status";
import { readJsonBody } from "../../../error-response";
import { accountIdFrom, paperErrorResponse } from "../../paper-route-errors";

export const dynamic = "force-dynamic";

const statusSchema = z.strictObject({ status: z.enum(["paused", "running", "stopped"]) });

/**
 * Pause, resume or stop an account (`{status}`): its worker notices between ticks; a stop also cancels its job, and
 * resuming an account nothing drives queues a new job from its saved state.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await accountIdFrom(params);
    const { status } = statusSchema.parse(await readJsonBody(request, 4 * 1024));
    const account = await changePaperStatus(await getDatabase(), id, status);
    return NextResponse.json({ id: account.id, status: account.status } satisfies PaperStatusJson);
  } catch (error) {
    return paperErrorResponse(error);
  }
}
