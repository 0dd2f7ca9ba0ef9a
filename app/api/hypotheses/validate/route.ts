import { NextResponse } from "next/server";
import { MAX_FORM_BODY_BYTES } from "@/lib/body-limits";
import { getConfig } from "@/lib/config";
import type { RuleCheckJson } from "@/lib/contract/hypotheses";
import { errorResponse, readJsonBody } from "../../error-response";
import { draftRuleIssues, ruleDraftSchema } from "../custom-hypothesis";

export const dynamic = "force-dynamic";

/** Checks a draft's rule texts as they are typed; answers 200 with every issue (field + parser message with column, or the reward:risk shortfall). */
export async function POST(request: Request) {
  try {
    const draft = ruleDraftSchema.parse(await readJsonBody(request, MAX_FORM_BODY_BYTES));
    return NextResponse.json({ issues: draftRuleIssues(draft, getConfig()) } satisfies RuleCheckJson);
  } catch (error) {
    return errorResponse(error);
  }
}
