import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_ORIGIN, PORT } from "./e2e-origin";
import { CHROMIUM_ARGS, findChromium } from "./find-browser";

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
    // `npm start` starts it (dashboard + a supervised worker). A server left by an earlier run is stopped first.
    command: `npx tsx scripts/db-cli.ts stop >/dev/null; rm -rf .data-e2e && npx next build && npx tsx scripts/serve.ts start`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: { DATA_DIR: E2E_DATA_DIR, DATABASE_URL: "", HOST: "127.0.0.1", PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1" },
  },
});
