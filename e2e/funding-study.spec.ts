import { expect, test } from "@playwright/test";
import { canvasColours, ensurePipeline } from "./research-fixtures";

test.describe("funding event study", () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    await request.dispose();
  });

  test("each instrument shows the reversal claim beside the average price path after extremes", async ({ page }) => {
    await page.goto("/funding");
    const panels = page.getByTestId("funding-panel");
    await expect(panels.first()).toBeVisible();
    const n = await panels.count();
    let drawn = 0;
    for (let i = 0; i < n; i++) {
      const panel = panels.nth(i);
      await expect(panel.getByTestId("funding-claim")).toContainText("70%");
      // Other specs regenerate an instrument's market (a month with seed 7 has no extreme funding): such a panel says
      // there is nothing to average instead of drawing an empty chart.
      await expect(panel.getByTestId("funding-event-study-chart").or(panel.getByTestId("funding-event-study-empty"))).toBeVisible();
      if ((await panel.getByTestId("funding-event-study-empty").count()) > 0) continue;
      const study = panel.getByTestId("funding-event-study-chart");
      await expect(study).toHaveAttribute("data-hours", "24");
      const events = Number(await study.getAttribute("data-events-bullish")) + Number(await study.getAttribute("data-events-bearish"));
      expect(events, "a drawn study averages some extreme events").toBeGreaterThan(0);
      await expect.poll(() => canvasColours(study), { message: "the event-study canvas is not blank" }).toBeGreaterThan(4);
      drawn++;
    }
    expect(drawn, "the pipeline's synthetic market has extreme funding on some instrument, and its study is drawn").toBeGreaterThan(0);
    await page.getByTestId("funding-event-study").first().screenshot({ path: test.info().outputPath("funding-event-study.png") });
  });

  test("band edges are named in a legend with ranges, in the same colour as the class table", async ({ page }) => {
    await page.goto("/funding");
    const panel = page.getByTestId("funding-panel").first();
    const legend = panel.getByTestId("funding-legend-item");
    await expect(legend).toHaveCount(4);
    await expect(panel.locator('[data-testid="funding-legend-item"][data-class="extreme_bearish"]')).toContainText(/below −\d\.\d{4}%/);
    await expect(panel.locator('[data-testid="funding-legend-item"][data-class="elevated_bullish"]')).toContainText(/\d\.\d{4}% to \d\.\d{4}%/);
    await expect(panel.locator('[data-testid="funding-class-row"][data-class="neutral"]')).toContainText(/−\d\.\d{4}% to \d\.\d{4}%/);
    for (const cls of ["extreme_bearish", "extreme_bullish", "elevated_bullish", "moderate_bullish"]) {
      const colour = (selector: string) => panel.locator(selector).first().evaluate((el) => getComputedStyle(el).color);
      const inTable = await colour(`[data-testid="funding-class-row"][data-class="${cls}"] [data-testid="funding-class-name"]`);
      const inLegend = await colour(`[data-testid="funding-legend-item"][data-class="${cls}"] [data-testid="funding-class-name"]`);
      expect(inLegend, `${cls}: one colour in the table and on the chart`).toBe(inTable);
    }
  });
});
