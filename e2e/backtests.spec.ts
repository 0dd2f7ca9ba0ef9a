import { expect, test, type Page } from "@playwright/test";
import { equityChartState } from "./pages/equity-chart";
import { canvasColours, ensurePipeline } from "./research-fixtures";

interface RunSummary {
  id: string;
  symbol: string;
  timeframe: string;
  trades: number;
}
interface Trade {
  seq: number;
  entryTime: number;
  exitTime: number;
  reason: string;
}

const BAR_MS: Record<string, number> = { "2m": 120_000, "5m": 300_000, "15m": 900_000, "30m": 1_800_000 };

/** The markers the chart should draw: every entry and exit whose bar lies in the visible range (see components/charts/chart-time.ts). */
function expectedMarkers(trades: readonly Trade[], barMs: number, from: number, to: number): number {
  const bar = (ms: number) => Math.floor(ms / barMs) * barMs;
  let n = 0;
  for (const t of trades) {
    const entry = bar(t.entryTime);
    const exit = bar(t.reason === "time" || t.reason === "end_of_data" ? t.exitTime - 1 : t.exitTime);
    if (entry >= from && entry <= to) n++;
    if (exit >= from && exit <= to) n++;
  }
  return n;
}

async function markerState(page: Page): Promise<{ count: number; from: number; to: number }> {
  return page.getByTestId("trade-marker-count").evaluate((el) => ({
    count: Number(el.textContent),
    from: Number((el as HTMLElement).dataset.visibleFrom),
    to: Number((el as HTMLElement).dataset.visibleTo),
  }));
}

test.describe("backtests", () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    await request.dispose();
  });

  test("launches a backtest from the form and follows it to the end", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto("/backtests");
    await page.getByTestId("bt-filter-30m").click();
    await page.getByTestId("bt-hypothesis").first().check();
    await page.getByTestId("bt-label").fill("e2e form backtest");
    await page.getByTestId("bt-slippage").fill("2");
    await page.getByTestId("bt-submit").click();
    const progress = page.getByTestId("job-progress");
    await expect(progress).toBeVisible();
    await expect(page).toHaveURL(/job=/);
    await expect(progress).toHaveAttribute("data-status", "succeeded", { timeout: 150_000 });
    await expect(page.getByTestId("job-percent")).toHaveText("100%");
    // The finished job refreshes the page: its batch is listed first, finished.
    const batch = page.getByTestId("batch").first();
    await expect(batch).toContainText("e2e form backtest", { timeout: 15_000 });
    await expect(batch.getByTestId("batch-status")).toHaveText("finished");
    await page.screenshot({ path: test.info().outputPath("backtest-launched.png"), fullPage: true });
  });

  test("a run's chart draws its candles and one marker per entry and exit in view; a clicked trade moves the chart", async ({ page, request }) => {
    test.setTimeout(120_000);
    const { batches } = (await (await request.get("/api/backtests?limit=20")).json()) as { batches: { runs: RunSummary[] }[] };
    const run = batches.flatMap((b) => b.runs).sort((a, b) => b.trades - a.trades)[0];
    expect(run, "the pipeline stored runs").toBeDefined();
    if (!run) return;
    expect(run.trades, "the busiest run has trades").toBeGreaterThan(1);
    const barMs = BAR_MS[run.timeframe] ?? 0;
    const { trades } = (await (await request.get(`/api/backtests/runs/${run.id}/trades`)).json()) as { trades: Trade[] };
    expect(trades).toHaveLength(run.trades);

    await page.goto(`/backtests/${run.id}`);
    await expect(page.getByTestId("run-metrics")).toBeVisible();
    const chart = page.getByTestId("chart-canvas-container");
    await expect.poll(async () => Number(await chart.getAttribute("data-candles")), { timeout: 30_000 }).toBeGreaterThan(10);
    await expect.poll(() => canvasColours(page.getByTestId("chart-canvas-container").first()), { message: "the candle canvas is not blank" }).toBeGreaterThan(5);

    const before = await markerState(page);
    expect(before.count, "the first trade is in the initial view").toBeGreaterThan(0);
    expect(before.count).toBe(expectedMarkers(trades, barMs, before.from, before.to));
    await chart.screenshot({ path: test.info().outputPath("run-chart.png") });

    // A trade far from the first: the last one in the list (last page of the table).
    const last = trades[trades.length - 1];
    if (!last) return;
    const pager = page.getByTestId("trades-pager");
    if (await pager.isVisible()) await pager.getByRole("button", { name: "Last" }).click();
    await page.locator(`[data-testid="trade-row"][data-seq="${last.seq}"]`).click();
    await expect(page.getByTestId("selected-trade")).toHaveAttribute("data-seq", String(last.seq));
    await expect(page.getByTestId("selected-trade")).toContainText(`Trade #${last.seq + 1}`);
    const entryBar = Math.floor(last.entryTime / barMs) * barMs;
    await expect
      .poll(async () => {
        const s = await markerState(page);
        return s.from <= entryBar && entryBar <= s.to;
      }, { timeout: 20_000, message: "the chart moved to the selected trade" })
      .toBe(true);
    const after = await markerState(page);
    expect(after.from, "the visible range changed").not.toBe(before.from);
    expect(after.count).toBe(expectedMarkers(trades, barMs, after.from, after.to));
    await expect.poll(() => canvasColours(page.getByTestId("chart-canvas-container").first())).toBeGreaterThan(5);
    await chart.screenshot({ path: test.info().outputPath("run-chart-selected.png") });
    await page.screenshot({ path: test.info().outputPath("run-page.png"), fullPage: true });
  });

  test("a run's equity starts at the stated capital beside buy & hold of its instrument, and says what risk rules applied", async ({ page, request }) => {
    const { batches } = (await (await request.get("/api/backtests?limit=20")).json()) as { batches: { runs: RunSummary[] }[] };
    const run = batches.flatMap((b) => b.runs).sort((a, b) => b.trades - a.trades)[0];
    if (!run) throw new Error("expected a run");
    const detail = (await (await request.get(`/api/backtests/runs/${run.id}`)).json()) as { run: { fromTime: number } };
    const equity = (await (await request.get(`/api/backtests/runs/${run.id}/equity`)).json()) as { startingEquity: number; buyAndHold: { points: { time: number; equity: number }[] } | null };
    expect(equity.buyAndHold, "the run's candles are stored, so buy & hold is computed").not.toBeNull();

    await page.goto(`/backtests/${run.id}`);
    await expect(page.locator("header.page-header")).toContainText(`starting capital ${equity.startingEquity.toLocaleString("en-US")} USDT`);
    const chart = page.getByTestId("equity-chart");
    await expect.poll(async () => (await equityChartState(chart)).equitySeries, { message: "strategy and buy & hold curves" }).toBe(2);
    const state = await equityChartState(chart);
    expect(state.drawdownSeries, "a drawdown for each curve in the pane below").toBe(2);
    const [strategy, hold] = state.curves;
    expect(hold?.label).toMatch(/^buy & hold .+ \((price and funding|price only)\)$/);
    for (const curve of [strategy, hold]) {
      expect(curve?.firstValue, `${curve?.label} starts at the starting capital`).toBe(equity.startingEquity);
      expect(curve?.firstTime, `${curve?.label} starts at the period start`).toBe(Math.floor(detail.run.fromTime / 1000) * 1000);
    }
    expect(state.visibleFrom, "the whole period is in view").toBeLessThanOrEqual(hold?.firstTime ?? NaN);
    expect(state.visibleTo).toBeGreaterThanOrEqual(hold?.lastTime ?? NaN);

    await expect(page.getByTestId("run-risk-scope"), "a single run says the drawdown halt does not apply to it").toContainText("risk manager does not apply");
    const diagnostics = page.getByTestId("run-diagnostics");
    await expect(diagnostics).toContainText(/entry signals? over [\d,]+ bars/);
    await expect(diagnostics, "diagnostics are sentences, not JSON").not.toContainText("{");
    await page.getByTestId("run-equity").screenshot({ path: test.info().outputPath("run-equity.png") });
  });

  test("the trades table filters and pages; runs sort by column and compare side by side", async ({ page, request }) => {
    const { batches } = (await (await request.get("/api/backtests?limit=20")).json()) as { batches: { runs: RunSummary[] }[] };
    const runs = batches.flatMap((b) => b.runs).sort((a, b) => b.trades - a.trades);
    const [first, second] = runs;
    if (!first || !second) throw new Error("expected at least two runs");
    const { total: stops } = (await (await request.get(`/api/backtests/runs/${first.id}/trades?reason=stop&limit=1`)).json()) as { total: number };
    await page.goto(`/backtests/${first.id}`);
    await page.getByTestId("reason-stop").click();
    await expect(page.getByTestId("trades-shown")).toHaveText(`${stops} shown`);

    await page.goto("/backtests");
    const table = page.getByTestId("runs-table").first();
    await table.getByTestId("runs-sort-trades").click();
    const counts = await table.getByTestId("run-row").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-trades"))));
    expect(counts, "sorted by trades, most first").toEqual([...counts].sort((a, b) => b - a));
    await page.goto(`/backtests/compare?a=${first.id}&b=${second.id}`);
    await expect(page.getByTestId("compare-table")).toContainText("Win rate");
    await expect.poll(() => canvasColours(page.getByTestId("compare-equity-chart").first())).toBeGreaterThan(3);
    await page.screenshot({ path: test.info().outputPath("compare.png"), fullPage: true });
  });
});
