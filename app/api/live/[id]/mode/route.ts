import { NextResponse } from "next/server";
import { getDatabase } from "@/db/connection";
import { getLiveAccount } from "@/db/queries/live-accounts";
import { MAX_FORM_BODY_BYTES } from "@/lib/body-limits";
import { liveModeRequestSchema, type LiveModeResponseJson } from "@/lib/contract/live";
import { requestLiveMode } from "@/lib/jobs/live/request-live-mode";
import { liveAccountSummary } from "@/lib/jobs/live/live-account-summary";
import { HttpError, readJsonBody } from "../../../error-response";
import { callerActor } from "../../../caller-actor";
import { liveAccountIdFrom, liveErrorResponse } from "../../live-route-errors";

export const dynamic = "force-dynamic";

const DEFAULT_REASON = { active: "resumed from the Live page", reducing: "reduce only from the Live page", halted: "kill switch on the Live page" } as const;
const REFUSAL = { NOT_FOUND: { status: 404, field: "id" }, NO_CHANGE: { status: 409, field: "mode" }, NEEDS_A_PERSON: { status: 403, field: "mode" } } as const;

/** A person's reduce, halt (the kill switch: cancel every order, close every position) or resume; the trader acts on it. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await liveAccountIdFrom(params);
    const by = callerActor(request, "changing a live account's mode");
    const { mode, reason } = liveModeRequestSchema.parse(await readJsonBody(request, MAX_FORM_BODY_BYTES));
    const store = await getDatabase();
    const { db } = store;
    const result = await requestLiveMode(store, { accountId: id, to: mode, by, reason: reason ?? DEFAULT_REASON[mode] });
    if (!result.ok) throw new HttpError(REFUSAL[result.code].status, result.message, REFUSAL[result.code].field);
    const row = await getLiveAccount(db, id);
    if (!row) throw new HttpError(404, `no live account ${id}`, "id");
    return NextResponse.json({ account: await liveAccountSummary(db, row), message: result.note === undefined ? result.message : `${result.message}; ${result.note}` } satisfies LiveModeResponseJson);
  } catch (error) {
    return liveErrorResponse(error);
  }
}
