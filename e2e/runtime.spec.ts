import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { SECTIONS } from "../components/layout/section-links";
import { E2E_DATA_DIR } from "./playwright.config";
import { ensurePipeline } from "./research-fixtures";

const run = promisify(execFile);

const jobStatus = async (request: import("@playwright/test").APIRequestContext, id: string) =>
  ((await (await request.get(`/api/jobs/${id}`)).json()) as { job: { status: string } }).job.status;

/** Starts a full (not quick) pipeline from the Overview page's button and waits until its job runs. */
async function startFullPipeline(page: import("@playwright/test").Page, request: import("@playwright/test").APIRequestContext): Promise<string> {
  await page.goto("/");
  await page.getByTestId("pipeline-quick").uncheck();
  const started = page.waitForResponse((r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST");
  await page.getByTestId("run-pipeline").click();
  const response = await started;
  expect(response.status()).toBe(202);
  const { job } = (await response.json()) as { job: { id: string } };
  await expect.poll(() => jobStatus(request, job.id), { timeout: 30_000, intervals: [200] }).toBe("running");
  return job.id;
}

/**
 * How fast the pages load meanwhile is a speed target, measured by the responsiveness bench (`npm run bench`, budget
 * PAGE_BUDGET_MS in scripts/bench/bench-responsiveness.ts), not here: a timed browser test fails on a busy machine.
 */
test("while a full pipeline runs, every page renders and a CLI shares the store with the dashboard", async ({ page, request }) => {
  test.setTimeout(300_000);
  await ensurePipeline(request);
  let jobId = await startFullPipeline(page, request);

  // The embedded store admits more than one process: a CLI reads it while the dashboard and its worker use it.
  const cli = await run("npx", ["tsx", "scripts/data-cli.ts", "status", "--json"], { env: { ...process.env, DATA_DIR: E2E_DATA_DIR, DATABASE_URL: "" } });
  expect((JSON.parse(cli.stdout) as { candles: unknown[] }).candles.length).toBeGreaterThan(0);

  // Every page must be measured while a pipeline runs; a pipeline that ends first (an idle machine runs it in
  // seconds) is followed by another, so the check does not depend on how fast this machine is.
  const loadedWhileRunning = new Map<string, number>();
  const loads: { href: string; ms: number; pipeline: string }[] = [];
  for (let run = 1; loadedWhileRunning.size < SECTIONS.length && run <= 3; run++) {
    if (run > 1) jobId = await startFullPipeline(page, request);
    for (const section of SECTIONS.filter((s) => !loadedWhileRunning.has(s.href))) {
      const t = Date.now();
      await page.goto(section.href);
      await expect(page.getByRole("heading", { level: 1, name: section.label })).toBeVisible();
      const ms = Date.now() - t;
      // Read after the load: "running" now means it ran during the whole load, which began after it started.
      const pipeline = await jobStatus(request, jobId);
      loads.push({ href: section.href, ms, pipeline });
      if (pipeline === "running") loadedWhileRunning.set(section.href, ms);
    }
    await expect.poll(() => jobStatus(request, jobId), { timeout: 240_000, intervals: [2_000] }).toBe("succeeded");
  }
  test.info().annotations.push({ type: "page loads during the pipeline", description: JSON.stringify(loads) });
  expect([...loadedWhileRunning.keys()].sort(), "every page was loaded while a pipeline ran").toEqual(SECTIONS.map((s) => s.href).sort());
});
