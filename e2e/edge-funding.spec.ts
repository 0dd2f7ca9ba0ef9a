import { expect, test } from "@playwright/test";
import { canvasColours, ensurePipeline } from "./research-fixtures";

interface EdgeEntry {
  hypothesisId: string;
  symbol: string;
  overall: "pass" | "fail" | "insufficient_data";
  walkForward: { windows: { netReturn: number }[]; stability: { concentrated: boolean } };
}

const VIEWPORTS = [
  { name: "desktop", size: { width: 1366, height: 900 } },
  { name: "phone", size: { width: 390, height: 844 } },
] as const;

const TRIALS_PER_PAGE = 25;

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
    // The table shows its trials 25 to a page (the learned variants are trials too).
    await expect(rows).toHaveCount(Math.min(report.body.edge.entries.length, TRIALS_PER_PAGE));
    const shown = await rows.evaluateAll((els) => els.map((el) => [`${el.getAttribute("data-hypothesis-id")}|${el.getAttribute("data-symbol")}`, el.getAttribute("data-overall")] as const));
    expect(shown.length).toBeGreaterThan(0);
    for (const [key, overall] of shown) expect(overall, key).toBe(stored.get(key));
    const passed = report.body.edge.entries.filter((e) => e.overall === "pass").length;
    await expect(page.getByTestId("edge-summary")).toContainText(passed === 0 ? "Nothing passed" : `${passed} of ${report.body.edge.trials} trials passed`);
    await expect(page.getByTestId("deflated-sharpe-note")).toContainText(`N = ${report.body.edge.trials} trials`);
    // The quick pipeline's two weeks cannot fill CSCV's 16 blocks of two days: then the page says nothing of it.
    const overfitting = (report.body.edge as { overfitting?: { pbo: number } | null }).overfitting ?? null;
    if (overfitting) await expect(page.getByTestId("overfitting-note")).toHaveAttribute("data-pbo", String(overfitting.pbo));
    else await expect(page.getByTestId("overfitting-note")).toHaveCount(0);
    await expect(page.getByTestId("ranking-row").first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("edge.png"), fullPage: true });
  });

  test("each trial's walk-forward windows are bars with the stored returns and flag, at desktop and phone width", async ({ page, request }) => {
    const { report } = (await (await request.get("/api/reports/edge")).json()) as { report: { body: { edge: { entries: EdgeEntry[]; trials: number } } } | null };
    if (!report) throw new Error("no edge analysis");
    const { entries, trials } = report.body.edge;
    const stored = new Map(entries.map((e) => [`${e.hypothesisId}|${e.symbol}`, { concentrated: String(e.walkForward.stability.concentrated), returns: e.walkForward.windows.map((w) => w.netReturn) }]));
    const flagged = entries.filter((e) => e.walkForward.stability.concentrated).length;
    for (const { name, size } of VIEWPORTS) {
      await page.setViewportSize(size);
      await page.goto("/edge");
      await expect(page.getByTestId("walk-forward")).toHaveCount(Math.min(entries.length, TRIALS_PER_PAGE));
      const shown = await page.getByTestId("threshold-row").evaluateAll((rows) =>
        rows.map((row) => {
          const cell = row.querySelector('[data-testid="walk-forward"]');
          const bars = Array.from(cell?.querySelectorAll('[data-testid="walk-forward-bar"]') ?? []);
          const key = `${row.getAttribute("data-hypothesis-id")}|${row.getAttribute("data-symbol")}`;
          return [key, { concentrated: cell?.getAttribute("data-concentrated") ?? "", returns: bars.map((b) => Number(b.getAttribute("data-net-return"))) }] as const;
        }),
      );
      for (const [key, row] of shown) expect(row, `${name}: ${key}'s bars are its stored windows' net returns`).toEqual(stored.get(key));
      await expect(page.getByTestId("one-window-flag")).toHaveCount(shown.filter(([, row]) => row.concentrated === "true").length);
      await expect(page.getByTestId("walk-forward-note")).toContainText(`${flagged} of ${trials} trials`);

      const first = page.getByTestId("walk-forward").first();
      await first.scrollIntoViewIfNeeded();
      await expect(first.getByTestId("walk-forward-bars"), `${name}: the bars are on screen once scrolled to`).toBeInViewport();
      expect((await first.getByTestId("walk-forward-bars").boundingBox())?.height, `${name}: the bars have height`).toBeGreaterThan(10);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name}: the page itself does not scroll sideways (wide tables scroll inside their panel)`).toBeLessThanOrEqual(0);

      const details = page.getByTestId("walk-forward-details").first();
      await details.locator("summary").click();
      await expect(details.locator("li"), `${name}: the folded window list has one line per window`).toHaveCount(stored.get(shown[0]?.[0] ?? "")?.returns.length ?? 0);
      await page.screenshot({ path: test.info().outputPath(`edge-walk-forward-${name}.png`) });
      await page.getByTestId("threshold-table").first().screenshot({ path: test.info().outputPath(`edge-walk-forward-table-${name}.png`) });
    }
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
