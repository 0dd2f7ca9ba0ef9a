import { inspect } from "node:util";
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import type { ApiErrorBody as ErrorBody } from "@/lib/contract/errors";
import { errorMessage } from "@/lib/error-message";
import { formatBytes } from "@/lib/format";
import { redactJson, redactSecrets } from "@/lib/security/redact-secrets";

/** A refusal decided at the HTTP edge (body too large, unknown job): carries its own status. */
export class HttpError extends Error {
  readonly code = "HTTP_ERROR";
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Domain codes whose message is for the user but whose status is not "your input is wrong" (422). */
const STATUS_BY_CODE: Record<string, number> = {
  CONFIG_INVALID: 500,
  JOB_CANCELLED: 409,
  LIFECYCLE_MOVE_CONFLICT: 409,
  LIFECYCLE_PAIR_NOT_FOUND: 404,
  RESEARCH_LOOP_BUSY: 409,
  EXCHANGE_FETCH_FAILED: 502,
  EXCHANGE_MALFORMED_PAGE: 502,
};

/** `entryConditions[0]`, `symbols`: the same spelling hypothesisRuleIssues uses, so forms map both the same way. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`), "");
}

/**
 * Our domain errors carry a literal SCREAMING_SNAKE `code` and a message meant for people. Node's own codes
 * (ENOENT, ERR_…) and PostgreSQL's (23505) do not match, so their internals never reach a response.
 */
function domainCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") return undefined;
  return /^[A-Z]+(_[A-Z0-9]+)+$/.test(error.code) && !error.code.startsWith("ERR_") ? error.code : undefined;
}

export function zodErrorBody(error: z.ZodError, message = "invalid input"): ErrorBody {
  // An unknown key (strict schemas) is the field to remove: name it, not the object that holds it.
  const pathOf = (i: z.core.$ZodIssue) => (i.code === "unrecognized_keys" && i.keys[0] !== undefined ? [...i.path, i.keys[0]] : i.path);
  const issues = error.issues.map((i) => ({ field: formatIssuePath(pathOf(i)), message: i.message }));
  const first = issues[0];
  return { error: first ? `${first.field || message}: ${first.message}` : message, field: first?.field || undefined, issues };
}

/**
 * Maps anything thrown in a route handler to a JSON response; unknown failures become a bare 500 (logged on the
 * server). Answers and the log line pass redactSecrets: a domain error may quote what the store or an exchange said.
 */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  const answer = (body: ErrorBody, status: number) => NextResponse.json(redactJson(body), { status });
  if (error instanceof HttpError) return answer({ error: error.message, field: error.field }, error.status);
  if (error instanceof ZodError) return answer(zodErrorBody(error), 400);
  const code = domainCode(error);
  if (code && error instanceof Error) {
    const field = "field" in error && typeof error.field === "string" ? error.field : undefined;
    return answer({ error: error.message, field }, STATUS_BY_CODE[code] ?? 422);
  }
  console.error(redactSecrets(`unexpected error in a route handler: ${inspect(error)}`));
  return answer({ error: "internal error: the server could not complete the request" }, 500);
}

/**
 * Reads a JSON body, refusing one over `maxBytes` before parsing it: at once when its declared length is over, else
 * as soon as the bytes read pass the cap (so an undeclared length cannot fill memory). Refuses one that is not JSON.
 */
export async function readJsonBody(request: Request, maxBytes: number, options: { field?: string } = {}): Promise<unknown> {
  const tooLarge = () => new HttpError(413, `request body is larger than ${formatBytes(maxBytes)}`, options.field);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks, size).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new HttpError(400, `request body is not valid JSON: ${errorMessage(cause)}`);
  }
}
