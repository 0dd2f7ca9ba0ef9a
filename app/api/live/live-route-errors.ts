import { z } from "zod";
import { LiveAccountError } from "@/lib/jobs/live/errors";
import { HttpError, errorResponse } from "../error-response";

/** errorResponse, with "no such live account" given its 404. */
export function liveErrorResponse(error: unknown) {
  if (error instanceof LiveAccountError && error.code === "LIVE_ACCOUNT_NOT_FOUND") return errorResponse(new HttpError(404, error.message, "id"));
  return errorResponse(error);
}

const accountIdSchema = z.uuid();

/** The `[id]` segment, checked before it reaches the database: an id that is not a UUID names no account either. */
export async function liveAccountIdFrom(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  const parsed = accountIdSchema.safeParse(id);
  if (!parsed.success) throw new HttpError(404, `no live account ${JSON.stringify(id)}: a live account id is a UUID`, "id");
  return parsed.data;
}
