import { expect, test } from "@playwright/test";
import { canvasColours, ensurePipeline } from "./research-fixtures";

interface EdgeEntry {
  hypothesisId: string;
  symbol: string;
  overall: "pass" | "fail" | "insufficient_data";
}

test.describe("edge and funding", () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    await request.dispose();
  });

  test("the threshold table shows every trial with the stored analysis's verdict", async ({ page, request }) => {
    const { report } = (await (await request.get("/api/reports/edge")).json()) as { report: { body: { edge: { entries: EdgeEntry[]; trials: number } } } | null };
    expect(report, "the pipeline stored an edge analysis").not.toBeNull();
    if (!report) return;
    const stored = new Map(report.body.edge.entries.map((e) => [`${e.hypothesisId}|${e.symbol}`, e.overall]));
    await page.goto("/edge");
    const rows = page.getByTestId("threshold-row");
    await expect(rows).toHaveCount(report.body.edge.entries.length);
    const shown = await rows.evaluateAll((els) => els.map((el) => [`${el.getAttribute("data-hypothesis-id")}|${el.getAttribute("data-symbol")}`, el.getAttribute("data-overall")] as const));
    expect(new Map(shown)).toEqual(stored);
    const passed = report.body.edge.entries.filter((e) => e.overall === "pass").length;
    await expect(page.getByTestId("edge-summary")).toContainText(passed === 0 ? "Nothing passed" : `${passed} of ${report.body.edge.trials} trials passed`);
    await expect(page.getByTestId("deflated-sharpe-note")).toContainText(`N = ${report.body.edge.trials} trials`);
    await expect(page.getByTestId("ranking-row").first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("edge.png"), fullPage: true });
  });

  test("the funding page charts each instrument's funding with its class and reversal study", async ({ page }) => {
    await page.goto("/funding");
    const panels = page.getByTestId("funding-panel");
    await expect(panels.first()).toBeVisible();
    const n = await panels.count();
    expect(n).toBeGreaterThan(0);
    await expect(page.getByTestId("funding-chart")).toHaveCount(n);
    for (let i = 0; i < n; i++) {
      expect(Number(await page.getByTestId("funding-chart").nth(i).getAttribute("data-points"))).toBeGreaterThan(1);
      await expect.poll(() => canvasColours(page.getByTestId("funding-chart").nth(i)), { message: "the funding canvas is not blank" }).toBeGreaterThan(4);
    }
    await expect(page.getByTestId("funding-current-class").first()).toHaveText(/neutral|moderate bullish|elevated bullish|extreme bullish|extreme bearish/);
    await expect(page.getByTestId("funding-reversal-row").first()).toBeVisible();
    await page.getByTestId("funding-chart").first().screenshot({ path: test.info().outputPath("funding-chart.png") });
    await page.screenshot({ path: test.info().outputPath("funding.png"), fullPage: true });
  });

  test("the overview shows the latest pipeline run and its recommendation", async ({ page, request }) => {
    const { report } = (await (await request.get("/api/reports/final")).json()) as { report: { body: { recommendations: { tradeAnything: boolean } } } | null };
    if (!report) throw new Error("no final report");
    await page.goto("/");
    await expect(page.getByTestId("recommendation-summary")).toContainText(report.body.recommendations.tradeAnything ? "to paper-trade" : "Nothing should be traded");
    await expect(page.getByTestId("pipeline-phase").first()).toBeVisible();
    await expect(page.getByTestId("run-pipeline")).toBeEnabled();
    await page.screenshot({ path: test.info().outputPath("overview.png"), fullPage: true });
  });
});
