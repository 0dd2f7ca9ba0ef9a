import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { SECTIONS } from "../components/layout/section-links";
import { E2E_DATA_DIR } from "./playwright.config";
import { ensurePipeline } from "./research-fixtures";

const run = promisify(execFile);
/** Each page, loaded while the pipeline works both cores, must be usable within this. */
const PAGE_BUDGET_MS = 2_000;

const jobStatus = async (request: import("@playwright/test").APIRequestContext, id: string) =>
  ((await (await request.get(`/api/jobs/${id}`)).json()) as { job: { status: string } }).job.status;

test("while a full pipeline runs, every page loads within 2 s and a CLI shares the store with the dashboard", async ({ page, request }) => {
  test.setTimeout(300_000);
  await ensurePipeline(request);
  await page.goto("/");
  await page.getByTestId("pipeline-quick").uncheck();
  const started = page.waitForResponse((r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST");
  await page.getByTestId("run-pipeline").click();
  const response = await started;
  expect(response.status()).toBe(202);
  const { job } = (await response.json()) as { job: { id: string } };
  await expect.poll(() => jobStatus(request, job.id), { timeout: 30_000, intervals: [200] }).toBe("running");

  // The embedded store admits more than one process: a CLI reads it while the dashboard and its worker use it.
  const cli = await run("npx", ["tsx", "scripts/data-cli.ts", "status", "--json"], { env: { ...process.env, DATA_DIR: E2E_DATA_DIR, DATABASE_URL: "" } });
  expect((JSON.parse(cli.stdout) as { candles: unknown[] }).candles.length).toBeGreaterThan(0);

  const loads: { href: string; ms: number; pipeline: string }[] = [];
  for (const section of SECTIONS) {
    const t = Date.now();
    await page.goto(section.href);
    await expect(page.getByRole("heading", { level: 1, name: section.label })).toBeVisible();
    loads.push({ href: section.href, ms: Date.now() - t, pipeline: await jobStatus(request, job.id) });
  }
  test.info().annotations.push({ type: "page loads during the pipeline", description: JSON.stringify(loads) });
  for (const load of loads) expect(load.ms, `${load.href} loaded in ${load.ms} ms`).toBeLessThan(PAGE_BUDGET_MS);
  expect(loads.filter((l) => l.pipeline === "running").length, "the pages were loaded while the pipeline ran").toBeGreaterThanOrEqual(SECTIONS.length - 1);
  await expect.poll(() => jobStatus(request, job.id), { timeout: 240_000, intervals: [2_000] }).toBe("succeeded");
});
