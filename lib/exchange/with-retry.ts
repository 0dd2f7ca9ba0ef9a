import { BadResponse, NetworkError } from "ccxt";
import { errorCode } from "@/lib/error-message";
import { abortableSleep } from "@/lib/sleep";
import { FetchFailedError, type FetchTarget } from "./errors";

export type FailureKind = "transient" | "malformed" | "permanent";

export interface RetryEvent {
  target: FetchTarget;
  /** The attempt that just failed (1-based). */
  attempt: number;
  kind: FailureKind;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  /** Attempts in total for transient failures (429, 5xx, network, timeout). Default 5. */
  maxAttempts?: number;
  /** Attempts in total when the body is not valid JSON: a broken proxy may repeat itself, so fewer. Default 3. */
  maxMalformedAttempts?: number;
  /** First backoff ceiling; it doubles per attempt. Default 500 ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform [0, 1) source for the jitter; injectable so tests can see the backoff grow. */
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
  signal?: AbortSignal;
}

/** Transport errors that escape ccxt's own wrapping (undici fails while ccxt reads the body, after its try/catch). */
const SOCKET_ERROR_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "ECONNREFUSED", "UND_ERR_ABORTED"]);

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof NetworkError) return "transient";
  if (error instanceof BadResponse) return "malformed";
  const code = errorCode(error);
  if (code !== undefined && SOCKET_ERROR_CODES.has(code)) return "transient";
  // undici's body stream rejects with TypeError("terminated") when the peer drops mid-response
  if (error instanceof TypeError && error.message === "terminated") return "transient";
  return "permanent";
}

/**
 * Runs `operation` until it succeeds, backing off exponentially with full jitter between transient failures.
 * Anything else, or exhaustion, becomes a FetchFailedError naming `target`; an abort propagates untouched.
 */
export async function withRetry<T>(target: FetchTarget, operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxMalformedAttempts = Math.min(options.maxMalformedAttempts ?? 3, maxAttempts);
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  let malformedFailures = 0;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await operation();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const kind = classifyFailure(error);
      if (kind === "permanent") throw new FetchFailedError(target, attempt, false, error);
      if (kind === "malformed") malformedFailures++;
      const exhausted = attempt >= maxAttempts || malformedFailures >= maxMalformedAttempts;
      if (exhausted) throw new FetchFailedError(target, attempt, true, error);
      const delayMs = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      options.onRetry?.({ target, attempt, kind, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
