import { z } from "zod";
import { HttpError } from "../error-response";

const runIdSchema = z.uuid();

/** The `[runId]` segment, checked before it reaches the database (a malformed UUID would be a database error there). */
export async function runIdFrom(params: Promise<{ runId: string }>): Promise<string> {
  const { runId } = await params;
  const parsed = runIdSchema.safeParse(runId);
  if (!parsed.success) throw new HttpError(400, `"${runId}" is not a run id: a run id is a UUID`, "runId");
  return parsed.data;
}

export const runNotFound = (id: string) => new HttpError(404, `no backtest run ${id}`, "runId");
