import { errorMessage } from "@/lib/error-message";

const CAUSES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  CONNECT_TIMEOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ECONNRESET: "connection reset",
  "28P01": "password authentication failed",
  "28000": "not authorised",
  "3D000": "the database does not exist",
};

/** The store did not answer at start: one line a person can act on (`cannot reach PostgreSQL at 127.0.0.1:5499: connection refused`). */
export class StoreUnreachableError extends Error {
  readonly code = "STORE_UNREACHABLE";
  constructor(
    readonly host: string,
    readonly port: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach PostgreSQL at ${host}:${port}: ${reason}`, options);
    this.name = "StoreUnreachableError";
  }

  static from(url: string, error: unknown): StoreUnreachableError {
    let host = "(unknown host)";
    let port = "5432";
    try {
      const parsed = new URL(url);
      host = parsed.hostname || "localhost";
      port = parsed.port || "5432";
    } catch {
      // The URL was validated as postgres:// before; keep the placeholders if it still does not parse.
    }
    const code = String((error as { code?: unknown }).code ?? "");
    const reason = CAUSES[code] ?? errorMessage(error);
    return new StoreUnreachableError(host, port, reason, { cause: error });
  }
}
