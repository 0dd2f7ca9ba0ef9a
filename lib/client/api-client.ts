import type { z } from "zod";
import { apiErrorBodySchema } from "@/lib/contract/errors";
import { errorMessage } from "@/lib/error-message";

export class ApiError extends Error {
  readonly code = "API_ERROR";
  constructor(
    message: string,
    readonly status: number,
    readonly field: string | undefined,
    readonly issues: readonly { field: string; message: string }[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A success body that is not what lib/contract says the route sends: the route and the page disagree. */
export class ContractMismatchError extends Error {
  readonly code = "CONTRACT_MISMATCH";
  constructor(url: string, cause: z.ZodError) {
    const first = cause.issues[0];
    super(`${url} answered in an unexpected shape${first ? ` (${first.path.map(String).join(".") || "body"}: ${first.message})` : ""}`, { cause });
    this.name = "ContractMismatchError";
  }
}

/**
 * Calls one of our JSON routes and checks its success body against the route's schema in lib/contract, so a route
 * that drifts fails here, named, instead of rendering undefined. A refusal becomes an ApiError carrying the field
 * to show the message next to.
 */
export async function apiJson<S extends z.ZodType>(
  url: string,
  schema: S,
  init: { method?: "GET" | "POST" | "PUT"; body?: unknown; signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  // The server takes changes only as JSON (a cross-site form cannot send that), so even a bodiless POST sends `{}`.
  const response = await fetch(url, {
    method,
    headers: method === "GET" ? undefined : { "content-type": "application/json" },
    body: method === "GET" ? undefined : JSON.stringify(init.body ?? {}),
    signal: init.signal,
    cache: "no-store",
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = apiErrorBodySchema.safeParse(body);
    if (refusal.success) {
      const { error, field, issues } = refusal.data;
      throw new ApiError(error, response.status, field, issues ?? (field ? [{ field, message: error }] : []));
    }
    throw new ApiError(`the server answered ${response.status} ${response.statusText}`, response.status, undefined, []);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ContractMismatchError(url, parsed.error);
  return parsed.data;
}

/** Per-field messages keyed by the field's top-level name (`symbols[0]` → `symbols`); the first message per field wins. */
export function fieldMessages(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.field.split(/[.[]/)[0] ?? issue.field;
    out[key] ??= issue.message;
  }
  return out;
}

/** A message for errors no field claims (network failures, server errors). */
export function generalMessage(error: unknown, claimedFields: readonly string[]): string | null {
  if (!error) return null;
  if (error instanceof ApiError) {
    const claimed = error.issues.length > 0 && error.issues.every((i) => claimedFields.includes(i.field.split(/[.[]/)[0] ?? i.field));
    return claimed ? null : error.message;
  }
  return errorMessage(error);
}
