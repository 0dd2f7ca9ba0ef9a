import { expect, test, type APIRequestContext } from "@playwright/test";
import { equityChartState } from "./pages/equity-chart";
import { ensurePipeline } from "./research-fixtures";

interface RunSummary {
  id: string;
  batchId: string;
  timeframe: string;
}
interface RunDetail {
  equity: { time: number; equity: number }[];
}
interface RunEquity {
  startingEquity: number;
  strategy: { time: number; equity: number }[];
}

/** Chart times are whole seconds: a point at 12:00:00.500 is drawn at 12:00:00. */
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The newest batch with at least three runs (a batch launched from the form may hold only one). */
async function batchWithRuns(request: APIRequestContext): Promise<{ id: string; runs: RunSummary[] }> {
  const { batches } = (await (await request.get("/api/backtests?limit=20")).json()) as { batches: { id: string; runs: RunSummary[] }[] };
  const batch = batches.find((b) => b.runs.length >= 3);
  if (!batch) throw new Error("expected a batch with three runs");
  return batch;
}

test.describe("compare", () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    await request.dispose();
  });

  test("the compare chart opens on the whole period of both runs, each curve from its starting capital", async ({ page, request }) => {
    const { runs } = await batchWithRuns(request);
    // Runs of different timeframes: their curves' times interleave, so the chart holds the most points.
    const a = runs.find((r) => r.timeframe === "2m") ?? runs[0];
    const b = runs.find((r) => r.timeframe !== a?.timeframe) ?? runs[1];
    if (!a || !b) throw new Error("expected two runs");
    const stored = await Promise.all([a, b].map(async (r) => ((await (await request.get(`/api/backtests/runs/${r.id}`)).json()) as RunDetail).equity));
    const first = Math.min(...stored.map((e) => e[0]?.time ?? Infinity));
    const last = Math.max(...stored.map((e) => e[e.length - 1]?.time ?? -Infinity));
    expect(last - first, "the runs stored equity curves").toBeGreaterThan(0);
    const capital = await Promise.all([a, b].map(async (r) => ((await (await request.get(`/api/backtests/runs/${r.id}/equity`)).json()) as RunEquity).startingEquity));

    await page.goto(`/backtests/compare?a=${a.id}&b=${b.id}`);
    const chart = page.getByTestId("compare-equity-chart");
    await expect.poll(async () => (await equityChartState(chart)).equitySeries, { message: "both curves are drawn" }).toBe(2);
    const state = await equityChartState(chart);
    expect(state.visibleFrom, "the first month is not hidden: the view starts at or before the earliest equity point").toBeLessThanOrEqual(toSecond(first));
    expect(state.visibleTo, "the view reaches the last equity point").toBeGreaterThanOrEqual(toSecond(last));
    state.curves.forEach((curve, i) => expect(curve.firstValue, `${curve.label} starts at its starting capital`).toBe(capital[i]));
    await page.screenshot({ path: test.info().outputPath("compare-two.png"), fullPage: true });
  });

  test("three ticked runs stay ticked and compare as three curves, three drawdowns and three rows with deltas", async ({ page, request }) => {
    const batch = await batchWithRuns(request);
    await page.goto("/backtests");
    const panel = page.locator(`[data-testid="batch"][data-batch-id="${batch.id}"]`);
    await panel.locator("details").evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const table = panel.getByTestId("runs-table");
    const rows = table.getByTestId("run-row");
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      picked.push((await row.getAttribute("data-run-id")) ?? "");
      await row.getByRole("checkbox").check();
    }
    for (let i = 0; i < 3; i++) await expect(rows.nth(i).getByRole("checkbox"), "ticking a third run keeps the first ticked").toBeChecked();
    // Up to six: at the cap the other boxes are disabled instead of a new tick dropping the oldest.
    for (let i = 3; i < 6; i++) await rows.nth(i).getByRole("checkbox").check();
    await expect(rows.nth(6).getByRole("checkbox"), "a seventh run cannot be ticked").toBeDisabled();
    await expect(rows.nth(0).getByRole("checkbox")).toBeChecked();
    for (let i = 3; i < 6; i++) await rows.nth(i).getByRole("checkbox").uncheck();
    await panel.getByTestId("compare-link").click();
    await expect(page).toHaveURL(new RegExp(`runs=${picked.join(",")}`));

    await expect(page.getByTestId("compare-run-row")).toHaveCount(3);
    await expect(page.getByTestId("compare-run-row").nth(0)).toContainText("base");
    await expect(page.getByTestId("compare-run-row").nth(1)).toContainText("pp");
    const chart = page.getByTestId("compare-equity-chart");
    await expect.poll(async () => (await equityChartState(chart)).equitySeries, { message: "three equity curves on the chart" }).toBe(3);
    const state = await equityChartState(chart);
    expect(state.drawdownSeries, "one drawdown per run in the pane below").toBe(3);
    expect(state.curves.map((c) => c.label.slice(0, 1))).toEqual(["A", "B", "C"]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), "no sideways scroll on a phone").toBe(0);
    await page.screenshot({ path: test.info().outputPath("compare-three-phone.png"), fullPage: true });
  });
});
