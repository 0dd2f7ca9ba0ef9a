/** What the API answers when it refuses: see app/api/error-response.ts. */
export interface ApiErrorBody {
  error: string;
  field?: string;
  issues?: { field: string; message: string }[];
}

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

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === "object" && value !== null && "error" in value && typeof value.error === "string";
}

/**
 * Calls one of our JSON routes. Success bodies are typed by the caller (the routes build them from the same types);
 * a refusal becomes an ApiError carrying the field to show the message next to.
 */
export async function apiJson<T>(url: string, init: { method?: "GET" | "POST"; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
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
    if (isErrorBody(body)) throw new ApiError(body.error, response.status, body.field, body.issues ?? (body.field ? [{ field: body.field, message: body.error }] : []));
    throw new ApiError(`the server answered ${response.status} ${response.statusText}`, response.status, undefined, []);
  }
  return body as T;
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
  return error instanceof Error ? error.message : String(error);
}
