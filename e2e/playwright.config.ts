import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_ORIGIN, PORT } from "./e2e-origin";
import { CHROMIUM_ARGS, findChromium } from "./find-browser";
import { E2E_SERVER_LOG, PLANTED_API_KEY, PLANTED_API_SECRET, PLANTED_EXCHANGE_PORT } from "./planted-secrets";

const root = path.resolve(import.meta.dirname, "..");
export const E2E_DATA_DIR = ".data-e2e";
const browser = findChromium();

export default defineConfig({
  testDir: ".",
  globalTeardown: "./stop-e2e-store.ts",
  outputDir: path.join(root, "test-results"),
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: E2E_ORIGIN,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: { executablePath: browser.executablePath, args: browser.system ? CHROMIUM_ARGS : [] },
  },
  webServer: {
    // A production build on its own embedded PostgreSQL, so the tests never touch a developer's .data/; started as
    // `npm start` starts it (dashboard + a supervised worker). A server left by an earlier run is stopped first. Its
    // stdout and stderr also go to E2E_SERVER_LOG, which secrets.spec.ts searches for the planted keys.
    command: `npx tsx scripts/db-cli.ts stop >/dev/null; rm -rf .data-e2e && npx next build && mkdir -p "$(dirname ${E2E_SERVER_LOG})" && npx tsx scripts/serve.ts start 2>&1 | tee ${E2E_SERVER_LOG} >&2`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: {
      DATA_DIR: E2E_DATA_DIR,
      DATABASE_URL: "",
      HOST: "127.0.0.1",
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      // Fake keys planted for secrets.spec.ts, and the emulator it starts (the server asks it only when a fetch runs).
      KRAKEN_FUTURES_API_KEY: PLANTED_API_KEY,
      KRAKEN_FUTURES_API_SECRET: PLANTED_API_SECRET,
      EXCHANGE_BASE_URL: `http://127.0.0.1:${PLANTED_EXCHANGE_PORT}`,
    },
  },
});
