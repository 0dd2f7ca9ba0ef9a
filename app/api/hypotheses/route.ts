import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { getHypothesis, listHypotheses, upsertHypotheses } from "@/db/queries/hypotheses";
import { MAX_FORM_BODY_BYTES } from "@/lib/body-limits";
import { getConfig } from "@/lib/config";
import type { ApiErrorBody } from "@/lib/contract/errors";
import type { HypothesisListJson, SavedHypothesisJson } from "@/lib/contract/hypotheses";
import { errorResponse, readJsonBody } from "../error-response";
import { buildCustomHypothesis, customHypothesisSchema } from "./custom-hypothesis";

export const dynamic = "force-dynamic";

/** Every stored hypothesis with where it came from. */
export async function GET() {
  try {
    const { db } = await getDatabase();
    return NextResponse.json({ hypotheses: await listHypotheses(db) } satisfies HypothesisListJson);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Saves a custom hypothesis after validating every field and rule; a malformed rule saves nothing (422, field named). */
export async function POST(request: Request) {
  try {
    const input = customHypothesisSchema.parse(await readJsonBody(request, MAX_FORM_BODY_BYTES));
    const built = buildCustomHypothesis(input, getConfig());
    if ("issues" in built) {
      const first = built.issues[0];
      return NextResponse.json({ error: first ? `${first.field}: ${first.message}` : "invalid rules", field: first?.field, issues: built.issues } satisfies ApiErrorBody, { status: 422 });
    }
    const { db } = await getDatabase();
    // Ids derive from the rules, so an equal idea already stored (say from discovery) is replaced, and the answer says so.
    const replaced = (await getHypothesis(db, built.hypothesis.id)) !== undefined;
    await upsertHypotheses(db, [built.hypothesis], "custom");
    return NextResponse.json({ hypothesis: built.hypothesis, replaced } satisfies SavedHypothesisJson, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
