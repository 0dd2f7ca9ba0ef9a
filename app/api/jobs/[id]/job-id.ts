import { z } from "zod";
import { HttpError } from "../../error-response";

const jobIdSchema = z.uuid("a job id is a UUID");

/** The `[id]` segment, checked before it reaches the database (a malformed UUID would be a database error there). */
export async function jobIdFrom(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  const parsed = jobIdSchema.safeParse(id);
  if (!parsed.success) throw new HttpError(400, `"${id}" is not a job id: a job id is a UUID`, "id");
  return parsed.data;
}

export function jobNotFound(id: string): HttpError {
  return new HttpError(404, `no job ${id}`, "id");
}
