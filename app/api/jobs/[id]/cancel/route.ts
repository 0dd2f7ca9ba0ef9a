import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { toJobJson } from "@/db/queries/job-json";
import { getJob, requestJobCancel } from "@/db/queries/jobs";
import type { JobAnswerJson } from "@/lib/contract/jobs";
import { errorResponse, HttpError } from "../../../error-response";
import { jobIdFrom, jobNotFound } from "../job-id";

export const dynamic = "force-dynamic";

/**
 * Cancels a job: a queued one, or one whose worker died, ends at once; a running one stops at its next progress
 * report or heartbeat. A finished job cannot be cancelled (409).
 */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await jobIdFrom(params);
    const { db } = await getDatabase();
    const requested = await requestJobCancel(db, id);
    const job = await getJob(db, id);
    if (!job) throw jobNotFound(id);
    if (requested === undefined) throw new HttpError(409, `job ${id} has already ${job.status === "cancelled" ? "been cancelled" : job.status}`);
    return NextResponse.json({ job: toJobJson(job) } satisfies JobAnswerJson, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
