import { expect, test } from "@playwright/test";
import { DataPage } from "./pages/data-page";

test.describe("Data page", () => {
  test("generates a small synthetic market and shows its coverage", async ({ page }) => {
    const data = new DataPage(page);
    await data.goto();
    await data.generate({ seed: 7, months: 1, symbols: ["BTCUSDT.P"] });
    await data.job.expectSucceeded();
    await expect(data.job.root.getByTestId("job-logs"), "the job logs what it stored").toContainText("BTCUSDT.P: 43,200 1m candles");
    // The page re-reads coverage when the job finishes: 30 days of 5m bars, with the synthetic source named.
    const row = data.coverageRow("BTCUSDT.P", "5m");
    await expect(row).toBeVisible();
    await expect(row.getByTestId("coverage-rows")).toHaveText("8,640");
    await expect(row).toContainText("resampled (from 1m)");
    await expect(data.coverageRow("BTCUSDT.P", "1m")).toContainText("synthetic (seed 7)");
    await expect(page.getByTestId("funding-coverage-row").filter({ hasText: "BTCUSDT.P" })).toBeVisible();
    await expect(page.getByTestId("jobs-list-row").first()).toContainText("succeeded");
    await page.screenshot({ path: test.info().outputPath("data-after-generate.png"), fullPage: true });
  });

  test("a running job's progress survives a reload", async ({ page }) => {
    const data = new DataPage(page);
    await data.goto();
    // Six months of one instrument takes several seconds to store: long enough to reload mid-way.
    const jobId = await data.generate({ seed: 11, months: 6, symbols: ["ETHUSDT.P"] });
    await expect(data.job.root).toHaveAttribute("data-status", "running", { timeout: 20_000 });
    await page.reload();
    await expect(page).toHaveURL(new RegExp(`job=${jobId}`));
    await expect(data.job.root, "after the reload the panel follows the same job").toHaveAttribute("data-job-id", jobId);
    await expect(data.job.root.getByTestId("job-progress-bar")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("data-job-after-reload.png"), fullPage: true });
    await page.getByTestId("jobs-panel").screenshot({ path: test.info().outputPath("data-jobs-panel-running.png") });
    await data.job.expectSucceeded(120_000);
    await expect(data.coverageRow("ETHUSDT.P", "30m")).toBeVisible();
  });

  test("a malformed CSV is refused with its line and column and writes nothing", async ({ page, request }) => {
    const data = new DataPage(page);
    await data.goto();
    const jobsBefore = ((await (await request.get("/api/jobs?limit=200")).json()) as { jobs: unknown[] }).jobs.length;
    const csv = ["timestamp,open,high,low,close,volume", "1700000000000,100,101,99,100.5,12", "1700003600000,abc,102,99,101,8", ""].join("\n");
    await data.importFile({ name: "broken.csv", text: csv }, { symbol: "BNBUSDT.P", timeframe: "1h" });
    await expect(page.getByTestId("field-error-text")).toHaveText('Line 3, column open: "abc" is not a number');
    await page.screenshot({ path: test.info().outputPath("data-import-refused.png"), fullPage: true });
    await page.reload();
    await expect(data.coverageRow("BNBUSDT.P", "1h"), "nothing from the refused file is stored").toHaveCount(0);
    const jobsAfter = ((await (await request.get("/api/jobs?limit=200")).json()) as { jobs: unknown[] }).jobs.length;
    expect(jobsAfter, "a refused file does not even create a job").toBe(jobsBefore);
  });

  test("bad generate input is shown next to its field and starts nothing", async ({ page }) => {
    const data = new DataPage(page);
    await data.goto();
    const form = page.getByTestId("generate-form");
    await form.getByTestId("generate-months").fill("30");
    await form.getByTestId("generate-submit").click();
    await expect(form.getByTestId("field-error-months")).toContainText("24");
    for (const box of await form.locator('input[name="generate-symbols"]').all()) await box.uncheck();
    await form.getByTestId("generate-months").fill("1");
    await form.getByTestId("generate-submit").click();
    await expect(form.getByTestId("field-error-symbols")).toBeVisible();
    await expect(page, "no job was started").not.toHaveURL(/job=/);
  });

  test("the fetch form fetches 1m by default and shows 2m as built from it, timeframes in bar order", async ({ page }) => {
    const data = new DataPage(page);
    await data.goto();
    const form = page.getByTestId("fetch-form");
    const group = form.getByTestId("fetch-timeframes-group");
    await expect(group.locator("label"), "shortest bar first").toHaveText([/^1m$/, /^2m \(built from 1m\)$/, /^5m$/, /^15m$/, /^30m$/]);
    const oneMinute = group.locator('input[name="fetch-timeframes"][value="1m"]');
    const twoMinute = group.getByTestId("fetch-timeframes-locked-2m").locator("input");
    await expect(oneMinute, "2m is built from 1m, so 1m is fetched").toBeChecked();
    await expect(twoMinute, "2m is not a choice").toBeDisabled();
    await expect(twoMinute).toBeChecked();
    await oneMinute.uncheck();
    await expect(twoMinute, "without 1m there is nothing to build 2m from").not.toBeChecked();
    await oneMinute.check();

    // Read what the form asks for without fetching anything (the e2e machine has no exchange to reach).
    let body: unknown = null;
    await page.route("**/api/jobs", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      body = route.request().postDataJSON();
      await route.fulfill({ status: 503, json: { error: "held by the test" } });
    });
    await form.getByTestId("fetch-submit").click();
    await expect(form.getByTestId("fetch-form-error")).toContainText("held by the test");
    expect(body).toMatchObject({ kind: "fetch", params: { timeframes: ["1m", "2m", "5m", "15m", "30m"] } });
  });
});

