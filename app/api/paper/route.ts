import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { toJobJson } from "@/db/queries/job-json";
import { MAX_FORM_BODY_BYTES } from "@/lib/body-limits";
import { getConfig } from "@/lib/config";
import type { PaperAccountsJson, PaperStartedJson } from "@/lib/contract/paper";
import { listPaperAccountSummaries } from "@/lib/jobs/paper/paper-monitor";
import { recommendedLegs, startPaperAccount, startPaperInputSchema } from "@/lib/jobs/paper/start-paper-account";
import { readJsonBody } from "../error-response";
import { paperErrorResponse } from "./paper-route-errors";

export const dynamic = "force-dynamic";

/** Paper accounts (newest first) and the final report's recommended hypothesis × instrument pairs (the form's default). */
export async function GET() {
  try {
    const { db } = await getDatabase();
    const [accounts, recommended] = await Promise.all([listPaperAccountSummaries(db), recommendedLegs(db)]);
    return NextResponse.json({ accounts, recommended } satisfies PaperAccountsJson);
  } catch (error) {
    return paperErrorResponse(error);
  }
}

/** Creates a paper account and queues its job for a worker; answers at once (202) with both. */
export async function POST(request: Request) {
  try {
    const input = startPaperInputSchema.parse(await readJsonBody(request, MAX_FORM_BODY_BYTES));
    const { account, job } = await startPaperAccount(await getDatabase(), getConfig(), input);
    return NextResponse.json({ accountId: account.id, job: toJobJson(job) } satisfies PaperStartedJson, { status: 202 });
  } catch (error) {
    return paperErrorResponse(error);
  }
}
