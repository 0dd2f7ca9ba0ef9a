import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";
import { ensurePipeline } from "./research-fixtures";

const BAR_MINUTES: Record<string, number> = { "2m": 2, "5m": 5, "15m": 15, "30m": 30 };
const minutesOf = (tf: string) => BAR_MINUTES[tf] ?? Number.NaN;

/** The batch the quick pipeline stored (its label says so), opened; later batches of other specs may sit above it. */
async function pipelineBatch(page: Page): Promise<Locator> {
  const batch = page.getByTestId("batch").filter({ hasText: "pipeline full (quick)" }).first();
  await expect(batch).toBeVisible();
  if (!(await batch.locator("details").evaluate((d) => (d as HTMLDetailsElement).open))) await batch.locator("summary").first().click();
  await expect(batch.getByTestId("run-row").first()).toBeVisible();
  return batch;
}

/** The TF column's cells, read by position (the third column, after the compare box and the name). */
const timeframesOf = (table: Locator) => table.getByTestId("run-row").locator("td:nth-child(3)").allTextContents();

/** Clicks an export button and returns the downloaded CSV's lines (the header first). */
async function downloadLines(page: Page, button: Locator): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const file = await download.path();
  const text = await readFile(file, "utf8");
  return text.split("\r\n").filter((line) => line !== "");
}

async function waitForJob(request: APIRequestContext, id: string, status: string, timeout: number): Promise<void> {
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${id}`)).json()) as { job: { status: string } }).job.status, { timeout, intervals: [1_000] })
    .toBe(status);
}

async function startJob(request: APIRequestContext, kind: string, params: unknown): Promise<string> {
  const started = await request.post("/api/jobs", { data: { kind, params }, headers: SAME_ORIGIN });
  expect(started.status(), await started.text()).toBe(202);
  return ((await started.json()) as { job: { id: string } }).job.id;
}

test.describe("backtests and edge tables", () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    await request.dispose();
  });

  test("TF order: runs sort by bar length, and the launch form lists 2m, 5m, 15m, 30m", async ({ page }) => {
    await page.goto("/backtests");
    const batch = await pipelineBatch(page);
    const table = batch.getByTestId("runs-table");
    const opened = (await timeframesOf(table)).map(minutesOf);
    expect(new Set(opened).size, "the pipeline batch tests every timeframe").toBe(4);
    expect(opened, "opened sorted by TF: non-decreasing bar length (not 15m, 2m, 30m, 5m)").toEqual([...opened].sort((a, b) => a - b));
    await table.getByTestId("runs-sort-timeframe").click();
    const descending = (await timeframesOf(table)).map(minutesOf);
    expect(descending, "TF clicked again: longest bars first").toEqual([...descending].sort((a, b) => b - a));
    await table.getByTestId("runs-sort-timeframe").click();
    const ascending = (await timeframesOf(table)).map(minutesOf);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    const chips = await page.getByTestId("backtest-form").locator('[data-testid^="bt-filter-"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")?.replace("bt-filter-", "")));
    expect(chips).toEqual(["all", "2m", "5m", "15m", "30m"]);
  });

  test("runs filter by timeframe, instrument and name, kept in the URL over a reload; the CSV holds exactly the rows shown", async ({ page }) => {
    await page.goto("/backtests");
    const batch = await pipelineBatch(page);
    const rows = batch.getByTestId("run-row");
    const all = await rows.count();

    await page.getByTestId("table-filter-tf-15m").click();
    await expect(page).toHaveURL(/[?&]tf=15m/);
    await expect.poll(async () => [...new Set(await timeframesOf(batch))]).toEqual(["15m"]);
    const shown = await rows.count();
    expect(shown, "the filter hides the other timeframes").toBeLessThan(all);
    await expect(batch.getByTestId("runs-matching")).toHaveAttribute("data-matching", String(shown));

    const symbol = await rows.first().locator("td").nth(3).textContent();
    await page.getByTestId("table-filter-symbol").selectOption(symbol ?? "");
    await expect(page).toHaveURL(new RegExp(`symbol=${encodeURIComponent(symbol ?? "")}`));
    const name = (await rows.first().getByTestId("run-link").textContent()) ?? "";
    await page.getByTestId("table-search").fill(name.slice(0, 6).toLowerCase());
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(rows.first()).toBeVisible();
    const filtered = await rows.count();
    for (const row of await rows.all()) {
      await expect(row.getByTestId("run-timeframe")).toHaveText("15m");
      await expect(row.locator("td").nth(3)).toHaveText(symbol ?? "");
      expect((await row.getByTestId("run-link").textContent())?.toLowerCase()).toContain(name.slice(0, 6).toLowerCase());
    }

    await page.reload();
    const again = await pipelineBatch(page);
    await expect(page.getByTestId("table-filter-tf-15m"), "the filter survives a reload").toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("table-search")).toHaveValue(name.slice(0, 6).toLowerCase());
    await expect(again.getByTestId("run-row")).toHaveCount(filtered);

    const lines = await downloadLines(page, again.getByTestId("runs-export"));
    expect(lines.length - 1, "one CSV line per row shown").toBe(filtered);
    expect(lines[0], "the header names its units").toContain("Win rate (%)");
    expect(lines[0]).toContain("Net return (%)");
    expect(lines[0]).toContain("Sharpe (annualised, daily returns × √365)");
    const ids = await again.getByTestId("run-row").evaluateAll((els) => els.map((el) => el.getAttribute("data-run-id")));
    expect(lines.slice(1).map((l) => l.split(",").at(-1)), "the CSV's rows are the table's rows, in its order").toEqual(ids);
  });

  test("edge trials: filtered from the URL, each linked to its run, reasons folded, the CSV holds exactly the rows shown", async ({ page, request }) => {
    const { report } = (await (await request.get("/api/reports/edge")).json()) as { report: { body: { edge: { entries: { timeframe: string }[] } } } };
    const total = report.body.edge.entries.length;
    const fiveMinute = report.body.edge.entries.filter((e) => e.timeframe === "5m").length;

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/edge?tf=5m");
    const rows = page.getByTestId("threshold-row");
    await expect(rows).toHaveCount(Math.min(fiveMinute, 25));
    expect(fiveMinute, "the filter leaves out other timeframes").toBeLessThan(total);
    await expect(page.getByTestId("trials-matching")).toHaveAttribute("data-matching", String(fiveMinute));
    for (const tf of await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-timeframe")))) expect(tf).toBe("5m");

    const links = page.getByTestId("trial-run-link");
    await expect(links, "every trial links to its run").toHaveCount(await rows.count());
    for (const href of await links.evaluateAll((els) => els.map((el) => el.getAttribute("href")))) expect(href).toMatch(/^\/backtests\/[0-9a-f-]{36}$/);

    const why = page.getByTestId("why-not-pass").first();
    if ((await why.count()) > 0) {
      expect(await why.evaluate((d) => (d as HTMLDetailsElement).open), "why not a pass starts folded").toBe(false);
      await why.locator("summary").click();
      await expect(why.locator("li").first()).toBeVisible();
    }
    await expect(page.getByTestId("confidence-note")).toContainText("n / (n + ");
    await expect(page.getByTestId("threshold-table")).toContainText("√365");

    const table = page.getByTestId("threshold-table").locator("table");
    const overflow = await table.evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0));
    expect(overflow, "at 1440 px the trials table fits its panel: no column is clipped").toBeLessThanOrEqual(0);

    const lines = await downloadLines(page, page.getByTestId("trials-export"));
    expect(lines.length - 1, "one CSV line per trial the filter lets through").toBe(fiveMinute);
    expect(lines[0]).toContain("Win rate (%)");
    expect(lines[0]).toContain("Net PnL (USDT)");

    await page.reload();
    await expect(rows, "the filter survives a reload").toHaveCount(Math.min(fiveMinute, 25));
    await links.first().click();
    await expect(page).toHaveURL(/\/backtests\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("run-metrics")).toBeVisible();
  });

  test("a cancelled batch says cancelled with its job's own run counts", async ({ page, request }) => {
    test.setTimeout(240_000);
    // Every catalog hypothesis on every instrument: long enough to cancel while it runs.
    await waitForJob(request, await startJob(request, "discovery", { quick: false }), "succeeded", 60_000);
    // Learned variants are backtested by the learning phase only: a batch naming one is refused.
    const { hypotheses } = (await (await request.get("/api/hypotheses")).json()) as { hypotheses: { id: string; source: string }[] };
    const id = await startJob(request, "backtest", { label: "e2e cancelled batch", hypothesisIds: hypotheses.filter((h) => h.source !== "learned").map((h) => h.id), symbols: ["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"] });
    await expect
      .poll(async () => ((await (await request.get(`/api/jobs/${id}`)).json()) as { job: { progressTotal: number } }).job.progressTotal, { timeout: 60_000 })
      .toBeGreaterThan(1);
    const cancel = await request.post(`/api/jobs/${id}/cancel`, { data: {}, headers: SAME_ORIGIN });
    expect(cancel.status(), await cancel.text()).toBe(202);
    await waitForJob(request, id, "cancelled", 120_000);
    const { job } = (await (await request.get(`/api/jobs/${id}`)).json()) as { job: { progressDone: number; progressTotal: number } };

    await page.goto("/backtests");
    const batch = page.getByTestId("batch").filter({ hasText: "e2e cancelled batch" }).first();
    await expect(batch.getByTestId("batch-status")).toHaveText("cancelled");
    await expect(batch.getByTestId("batch-counts")).toContainText(`job: ${job.progressDone.toLocaleString("en-US")} of ${job.progressTotal.toLocaleString("en-US")} runs`);
    // The pipeline's batch is folded below the newer one now: opening it loads its runs from the API.
    const folded = page.getByTestId("batch").filter({ hasText: "pipeline full (quick)" }).first();
    expect(await folded.locator("details").evaluate((d) => (d as HTMLDetailsElement).open), "only the newest batch opens with the page").toBe(false);
    await expect(folded.getByTestId("run-row")).toHaveCount(0);
    await pipelineBatch(page);
  });

  test("a family that varies a parameter shows its out-of-sample profit factor as a heatmap with a legend", async ({ page, request }) => {
    test.setTimeout(300_000);
    // The quick pipeline tests one setting per family; back-test a whole family (RSI oversold levels) and analyse it.
    const { hypotheses } = (await (await request.get("/api/hypotheses")).json()) as { hypotheses: { id: string; name: string }[] };
    const family = hypotheses.filter((h) => /^RSI\d+_Oversold\d+_5m_Reversal_Long$/.test(h.name));
    expect(family.length, "the catalog's RSI oversold family has several levels").toBeGreaterThan(1);
    const backtest = await startJob(request, "backtest", { label: "e2e rsi family", hypothesisIds: family.map((h) => h.id), symbols: ["BTCUSDT.P"] });
    await waitForJob(request, backtest, "succeeded", 180_000);
    await waitForJob(request, await startJob(request, "pipeline", { mode: "analysis" }), "succeeded", 120_000);

    await page.goto("/edge");
    await expect(page.getByTestId("heatmap-legend")).toContainText("no trades");
    const map = page.getByTestId("parameter-heatmap").first();
    await expect(map).toBeVisible();
    await expect(map.getByTestId("heatmap-cell"), "one cell per hypothesis of the family").toHaveCount(family.length);
    for (const band of await map.getByTestId("heatmap-cell").evaluateAll((els) => els.map((el) => el.getAttribute("data-band")))) {
      expect(["loss-deep", "loss", "below-bar", "at-bar", "strong", "unbounded", "no-trades"]).toContain(band);
    }
    await page.getByTestId("parameter-heatmaps").screenshot({ path: test.info().outputPath("heatmaps.png") });
  });
});
