/** The message of anything thrown: an Error's own message, else its text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ownCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** A thrown value's string `code` (ECONNREFUSED, UND_ERR_SOCKET…), else its cause's: undici's "fetch failed" carries it there. */
export function errorCode(error: unknown): string | undefined {
  return ownCode(error) ?? ownCode(error instanceof Error ? error.cause : undefined);
}
