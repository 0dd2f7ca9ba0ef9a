import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { toJobJson } from "@/db/queries/job-json";
import { aliveJobsOfKind, listJobs } from "@/db/queries/jobs";
import { readResearchLoopSettings, researchLoopSettingsJson } from "@/db/queries/research-loop-settings";
import { MAX_FORM_BODY_BYTES } from "@/lib/body-limits";
import type { JobAnswerJson } from "@/lib/contract/jobs";
import type { ResearchLoopJson, ResearchLoopSavedJson } from "@/lib/contract/lifecycle";
import { startJob } from "@/lib/jobs/job-kinds";
import { saveLoopSettings } from "@/lib/jobs/research-loop/loop-schedule";
import { RESEARCH_LOOP_JOB_KIND } from "@/lib/jobs/research-loop/research-loop-params";
import { callerActor } from "../caller-actor";
import { errorResponse, HttpError, readJsonBody } from "../error-response";

export const dynamic = "force-dynamic";

/** The loop's settings (with the schedule's next run) and its last runs, newest first. */
export async function GET() {
  try {
    const { db } = await getDatabase();
    const [settings, runs] = await Promise.all([readResearchLoopSettings(db), listJobs(db, { kind: RESEARCH_LOOP_JOB_KIND, limit: 10 })]);
    return NextResponse.json({ settings: researchLoopSettingsJson(settings), runs: runs.map((j) => toJobJson(j)) } satisfies ResearchLoopJson);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Saves the settings and the pg-boss schedule together; a bad field (a cron it cannot read) is a 400 naming it. */
export async function PUT(request: Request) {
  try {
    const by = callerActor(request, "changing the research loop's settings").name;
    const body = await readJsonBody(request, MAX_FORM_BODY_BYTES);
    const { settings, changed } = await saveLoopSettings(await getDatabase(), body, by);
    return NextResponse.json({ settings: researchLoopSettingsJson(settings), changed } satisfies ResearchLoopSavedJson);
  } catch (error) {
    return errorResponse(error);
  }
}

/** "Run the loop now": queues a research-loop job (202), unless one is queued or running already (409). */
export async function POST(request: Request) {
  try {
    callerActor(request, "starting the research loop");
    const store = await getDatabase();
    const [running] = await aliveJobsOfKind(store.db, RESEARCH_LOOP_JOB_KIND);
    if (running) throw new HttpError(409, `a research loop is already ${running.status} (job ${running.id}): one runs at a time`);
    const job = await startJob(store, RESEARCH_LOOP_JOB_KIND, { trigger: "manual" });
    return NextResponse.json({ job: toJobJson(job) } satisfies JobAnswerJson, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
