import type { AppConfig } from "@/lib/config-schema";
import { errorCode } from "@/lib/error-message";
import { redactJson, redactSecrets } from "@/lib/security/redact-secrets";
import { registerSecret } from "@/lib/security/secret-values";
import { abortableSleep } from "@/lib/sleep";
import { type Alert, alertText } from "./alert";

export type AlertDelivery = { readonly delivered: true } | { readonly delivered: false; readonly reason: string };

export interface PostAlertOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts in total while the hook fails at the network or with a 5xx. Default 3. */
  maxAttempts?: number;
}

/** First pause between attempts; it doubles per attempt. No jitter: one process alerts, there is no herd to spread. */
const FIRST_BACKOFF_MS = 500;

type Attempt = { readonly ok: true } | { readonly ok: false; readonly retry: boolean; readonly problem: string };

/** A code such as ECONNREFUSED; anything else a library put in `code` could be text quoting the URL. */
function networkCode(error: unknown): string | undefined {
  const code = errorCode(error);
  return code !== undefined && /^[A-Z][A-Z0-9_]+$/.test(code) ? code : undefined;
}

/**
 * What went wrong, from the error's name and code only: fetch's messages may quote the URL, and the URL holds the
 * hook's token.
 */
function faultOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `did not answer within ${timeoutMs} ms`;
  const code = networkCode(error);
  return code ? `could not be reached (${code})` : "could not be reached";
}

async function attemptPost(send: typeof fetch, url: string, body: string, timeoutMs: number): Promise<Attempt> {
  let response: Response;
  try {
    // A redirect is answered, not followed: it would carry the alert to a place nobody configured.
    response = await send(url, { method: "POST", headers: { "content-type": "application/json" }, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { ok: false, retry: true, problem: faultOf(error, timeoutMs) };
  }
  // The answer's body says nothing the status does not; discarding it frees the connection, and its failure changes nothing.
  await response.body?.cancel().catch(() => undefined);
  if (response.ok) return { ok: true };
  return { ok: false, retry: response.status >= 500, problem: `answered HTTP ${response.status}` };
}

/**
 * POSTs `alert` to the configured webhook as JSON `{ text, alert }`, every string redacted. Network faults and 5xx
 * are retried with exponential backoff; a 4xx is the hook's refusal and is not. Never throws: an alert that cannot be
 * delivered is reported as a value, and the reason names the status or fault but never the URL.
 */
export async function postAlert(config: Pick<AppConfig, "alerts">, alert: Alert, options: PostAlertOptions = {}): Promise<AlertDelivery> {
  const url = config.alerts.webhookUrl;
  if (url === undefined) return { delivered: false, reason: "no alert webhook configured" };
  // A URL from the file is no environment secret: learning it keeps it out of every sink, as ALERT_WEBHOOK_URL is.
  registerSecret("alert webhook URL", url);
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms));
  const maxAttempts = options.maxAttempts ?? 3;
  const body = JSON.stringify(redactJson({ text: alertText(alert), alert }));
  for (let attempt = 1; ; attempt++) {
    const result = await attemptPost(send, url, body, config.alerts.timeoutMs);
    if (result.ok) return { delivered: true };
    if (!result.retry) return { delivered: false, reason: redactSecrets(`the alert webhook ${result.problem}; a refusal is not retried`) };
    if (attempt >= maxAttempts) return { delivered: false, reason: redactSecrets(`the alert webhook ${result.problem} (${attempt} attempts)`) };
    await sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  }
}
