import { z } from "zod";
import { PaperAccountError } from "@/lib/jobs/paper/errors";
import { HttpError, errorResponse } from "../error-response";

const STATUS: Partial<Record<PaperAccountError["code"], number>> = {
  PAPER_ACCOUNT_NOT_FOUND: 404,
  PAPER_ALREADY_RUNNING: 409,
  PAPER_INVALID_STATUS: 409,
};

/** errorResponse, with the paper service's "not found" and "conflict" refusals given their HTTP status. */
export function paperErrorResponse(error: unknown) {
  if (error instanceof PaperAccountError) {
    const status = STATUS[error.code];
    if (status) return errorResponse(new HttpError(status, error.message, error.field));
  }
  return errorResponse(error);
}

const accountIdSchema = z.uuid("a paper account id is a UUID");

/** The `[id]` segment, checked before it reaches the database. */
export async function accountIdFrom(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  const parsed = accountIdSchema.safeParse(id);
  if (!parsed.success) throw new HttpError(400, `"${id}" is not a paper account id: an account id is a UUID`, "id");
  return parsed.data;
}
