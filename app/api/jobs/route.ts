import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { toJobJson } from "@/db/queries/job-json";
import { listJobs } from "@/db/queries/jobs";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/body-limits";
import type { JobAnswerJson, JobListJson } from "@/lib/contract/jobs";
import { jobKindSchema, startJob } from "@/lib/jobs/job-kinds";
import { errorResponse, readJsonBody } from "../error-response";

export const dynamic = "force-dynamic";

const startSchema = z.strictObject({ kind: jobKindSchema, params: z.unknown().default({}) });
const listSchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20), kind: jobKindSchema.optional() });

/** Queues a job (`{kind, params}`) for a worker and answers at once with its row; progress is polled at /api/jobs/[id]. */
export async function POST(request: Request) {
  try {
    // Every kind comes through here, and an import's file is the largest body any of them sends.
    const body = startSchema.parse(await readJsonBody(request, MAX_IMPORT_BODY_BYTES, { field: "text" }));
    const job = await startJob(await getDatabase(), body.kind, body.params);
    return NextResponse.json({ job: toJobJson(job) } satisfies JobAnswerJson, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Recent jobs, newest first. */
export async function GET(request: Request) {
  try {
    const query = listSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db } = await getDatabase();
    const jobs = await listJobs(db, { limit: query.limit, kind: query.kind });
    return NextResponse.json({ jobs: jobs.map((j) => toJobJson(j)) } satisfies JobListJson);
  } catch (error) {
    return errorResponse(error);
  }
}
