import { randomBytes } from "node:crypto";

/**
 * Fake exchange keys the e2e server runs with (playwright.config.ts's webServer env). secrets.spec.ts looks for them
 * everywhere the server writes or answers: one that shows up means a sink skipped the redaction. Made afresh for
 * each run, never written in the source, and kept in the environment: the runner reads the config first and its
 * worker processes inherit the values, so the server and the spec plant and look for the same ones.
 */
function planted(name: string, make: () => string): string {
  process.env[name] ??= make();
  return process.env[name];
}

export const PLANTED_API_KEY = planted("E2E_PLANTED_API_KEY", () => `e2e-planted-key-${randomBytes(12).toString("hex")}`);
/**
 * Base64 like a real Kraken secret, with `/`, `+` and `=` so the percent-encoded spelling is tested too, and valid
 * base64 (whole bytes, canonical padding) so ccxt can sign with it when a spec trades on the emulator (live.spec.ts).
 */
export const PLANTED_API_SECRET = planted("E2E_PLANTED_API_SECRET", () => `${randomBytes(24).toString("base64")}/K+xAA==`);
export const PLANTED_SECRETS = [PLANTED_API_KEY, PLANTED_API_SECRET] as const;

/** The server's exchange endpoint (EXCHANGE_BASE_URL): the Kraken Futures emulator secrets.spec.ts starts on this port. */
export const PLANTED_EXCHANGE_PORT = 3231;

/** The e2e server's stdout and stderr, as the webServer command tees them (relative to the project root). */
export const E2E_SERVER_LOG = "test-results/e2e-server.log";
