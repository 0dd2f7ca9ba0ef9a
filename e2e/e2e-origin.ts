/** Where the browser tests' dashboard listens. */
export const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_ORIGIN = `http://127.0.0.1:${PORT}`;

/**
 * The dashboard takes changes only from its own origin; API calls made by the tests (not by a page) say so, as a
 * script of the user's would. Playwright's `data` already sends Content-Type: application/json.
 */
export const SAME_ORIGIN = { origin: E2E_ORIGIN };
