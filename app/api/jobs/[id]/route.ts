import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { toJobJson, toJobLogJson } from "@/db/queries/job-json";
import { getJob, listJobLogs } from "@/db/queries/jobs";
import type { JobDetailJson } from "@/lib/contract/jobs";
import { errorResponse } from "../../error-response";
import { jobIdFrom, jobNotFound } from "./job-id";

export const dynamic = "force-dynamic";

const RECENT_LOGS = 50;

/** One job with its most recent log lines: what the progress panel polls. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await jobIdFrom(params);
    const { db } = await getDatabase();
    const [job, logs] = await Promise.all([getJob(db, id), listJobLogs(db, id, RECENT_LOGS)]);
    if (!job) throw jobNotFound(id);
    return NextResponse.json({ job: toJobJson(job, { withResult: true }), logs: logs.map(toJobLogJson) } satisfies JobDetailJson);
  } catch (error) {
    return errorResponse(error);
  }
}
