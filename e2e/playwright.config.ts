import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./find-browser";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const root = path.resolve(import.meta.dirname, "..");
const browser = findChromium();

export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results"),
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: { executablePath: browser.executablePath, args: browser.system ? CHROMIUM_ARGS : [] },
  },
  webServer: {
    // A production build on its own embedded database, so the tests never touch a developer's .data/.
    command: `rm -rf .data-e2e && npx next build && npx next start -H 127.0.0.1 -p ${PORT}`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: { DATA_DIR: ".data-e2e", DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
