import { urlPassword } from "./url-credentials";

/** Environment variables whose whole value is a secret (a webhook URL carries its token, so all of it counts). */
export const SECRET_ENV_NAMES = ["KRAKEN_FUTURES_API_KEY", "KRAKEN_FUTURES_API_SECRET", "ACCESS_TOKEN", "ALERT_WEBHOOK_URL"] as const;
/** Environment variables holding a connection URL whose password is a secret. */
export const SECRET_URL_ENV_NAMES = ["DATABASE_URL"] as const;

/**
 * Shorter values are left alone: they occur inside ordinary words and numbers, so replacing them would garble every
 * line while protecting nothing worth the name (ACCESS_TOKEN needs 16 characters; exchange keys have dozens).
 */
export const MIN_SECRET_LENGTH = 8;

export interface Secret {
  /** What the redaction writes instead: `[redacted NAME]`. */
  readonly name: string;
  readonly value: string;
}

type Env = Record<string, string | undefined>;

/**
 * Secrets learnt at run time rather than from the environment (the embedded store's password). Kept on globalThis:
 * Next bundles instrumentation and route handlers apart, and every copy of this module must see the same ones.
 */
const learnt: Map<string, string> = ((globalThis as { perpEdgeLearntSecrets?: Map<string, string> }).perpEdgeLearntSecrets ??= new Map());

export function registerSecret(name: string, value: string): void {
  learnt.set(name, value);
}

/** The forms a value takes in text: as is, percent-encoded (a URL, a query) and JSON-escaped. */
function spellings(value: string): string[] {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // not percent-encoded text: the value as is is its only decoded form
  }
  return [value, decoded, encodeURIComponent(decoded), JSON.stringify(decoded).slice(1, -1)];
}

/**
 * Every secret this process knows, in every spelling, longest first (so a secret holding another is replaced whole).
 * Read afresh on each call: the environment and the learnt set are small, and a new value must count at once.
 */
export function activeSecrets(env: Env = process.env): Secret[] {
  const named: [string, string | undefined][] = [
    ...SECRET_ENV_NAMES.map((name): [string, string | undefined] => [name, env[name]]),
    ...SECRET_URL_ENV_NAMES.map((name): [string, string | undefined] => [`${name} password`, urlPassword(env[name] ?? "")]),
    ...learnt.entries(),
  ];
  const byValue = new Map<string, string>();
  for (const [name, raw] of named) {
    const value = raw?.trim();
    if (!value) continue;
    for (const spelling of spellings(value)) if (spelling.length >= MIN_SECRET_LENGTH && !byValue.has(spelling)) byValue.set(spelling, name);
  }
  return [...byValue.entries()].map(([value, name]) => ({ name, value })).sort((a, b) => b.value.length - a.value.length);
}
