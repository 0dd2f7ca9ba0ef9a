/**
 * Fake exchange keys the e2e server runs with (playwright.config.ts's webServer env). secrets.spec.ts looks for them
 * everywhere the server writes or answers: one that shows up means a sink skipped the redaction.
 */
export const PLANTED_API_KEY = "e2e-planted-key-Qm7Xw2Lp9Rt4Nv8Hc1Yb6Zs3";
/** Base64 like a real Kraken secret, so its `/`, `+` and `=` test the percent-encoded spelling too. */
export const PLANTED_API_SECRET = "ZTJlLXBsYW50ZWQtc2VjcmV0/K3Jv+dGVzdC1vbmx5==";
export const PLANTED_SECRETS = [PLANTED_API_KEY, PLANTED_API_SECRET] as const;

/** The server's exchange endpoint (EXCHANGE_BASE_URL): the Kraken Futures emulator secrets.spec.ts starts on this port. */
export const PLANTED_EXCHANGE_PORT = 3231;

/** The e2e server's stdout and stderr, as the webServer command tees them (relative to the project root). */
export const E2E_SERVER_LOG = "test-results/e2e-server.log";
