import { activeSecrets, type Secret } from "./secret-values";
import { redactUrlCredentials } from "./url-credentials";

/**
 * The one place text is cleaned of secrets before it leaves the process. Every sink calls it: job log lines, job
 * errors, steps and results, paper account errors, API error answers, results files, and stdout/stderr (see
 * installOutputRedaction). Replaces the value of each secret (exchange keys, ACCESS_TOKEN, the store passwords) with
 * `[redacted NAME]`, and the password of any `scheme://user:password@host` URL.
 */
export function redactSecrets(text: string, secrets: readonly Secret[] = activeSecrets()): string {
  let out = redactUrlCredentials(text);
  for (const secret of secrets) if (out.includes(secret.value)) out = out.replaceAll(secret.value, `[redacted ${secret.name}]`);
  return out;
}

/** A JSON-able value with every string in it redacted, for the JSON columns (job results, feed states). */
export function redactJson<T>(value: T): T {
  if (value === undefined || value === null) return value;
  const secrets = activeSecrets();
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? redactSecrets(v, secrets) : v))) as T;
}

/** The first secret whose value `text` holds (URL passwords aside), to refuse input that carries one. */
export function findSecret(text: string): Secret | undefined {
  return activeSecrets().find((secret) => text.includes(secret.value));
}
