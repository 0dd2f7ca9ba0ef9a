import { expect, test, type Page } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";
import { paperHypotheses } from "./paper-fixtures";

interface EquityPoint {
  time: number;
  equity: number;
}

/** The equity chart's visible range (epoch ms), mirrored from lightweight-charts' time scale. */
async function visibleRange(page: Page): Promise<{ from: number; to: number } | null> {
  const chart = page.getByTestId("paper-equity-chart");
  const [from, to] = await Promise.all([chart.getAttribute("data-visible-from"), chart.getAttribute("data-visible-to")]);
  return from === null || to === null ? null : { from: Number(from), to: Number(to) };
}

/** lightweight-charts keeps whole seconds. */
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

test.describe("Paper account history", () => {
  test.describe.configure({ timeout: 300_000 });

  test("the equity chart keeps the whole account history in view as the replay grows, and the feed says replaying", async ({ page, request }) => {
    const chosen = await paperHypotheses(request);
    expect(chosen.length, "quick discovery stores 5m/15m hypotheses").toBeGreaterThan(0);
    const started = await request.post("/api/paper", { data: { hypothesisIds: chosen.map((h) => h.id), symbols: ["BTCUSDT.P"], speedMs: 5, name: "e2e history" }, headers: SAME_ORIGIN });
    expect(started.status(), await started.text()).toBe(202);
    const { accountId } = (await started.json()) as { accountId: string };

    await page.goto(`/paper?account=${accountId}`);
    await expect(page.getByTestId("paper-monitor")).toHaveAttribute("data-status", "running", { timeout: 30_000 });
    const chart = page.getByTestId("paper-equity-chart");
    // Long enough that a chart fitted once early (the old behaviour) has scrolled its first points out of view.
    await expect.poll(async () => Number(await chart.getAttribute("data-points")), { timeout: 120_000, message: "the replay adds equity marks" }).toBeGreaterThan(400);
    await expect(page.getByTestId("paper-feed")).toHaveAttribute("data-state", "replaying");
    await expect(page.getByTestId("paper-feed-badge")).toHaveText("replaying");

    const { equity } = (await (await request.get(`/api/paper/${accountId}`)).json()) as { equity: EquityPoint[] };
    const first = equity[0];
    const last = equity[equity.length - 1];
    if (!first || !last) throw new Error("the API returned no equity");
    await expect
      .poll(
        async () => {
          const range = await visibleRange(page);
          return range !== null && range.from <= seconds(first.time) && range.to >= seconds(last.time);
        },
        { timeout: 10_000, message: `the visible range covers the API's first (${first.time}) and last (${last.time}) equity points` },
      )
      .toBe(true);
    // Still whole a few polls later, the curve having grown.
    const grown = Number(await chart.getAttribute("data-points"));
    await expect.poll(async () => Number(await chart.getAttribute("data-points")), { timeout: 30_000 }).toBeGreaterThan(grown);
    await expect.poll(async () => (await visibleRange(page))?.from ?? Infinity, { timeout: 5_000 }).toBeLessThanOrEqual(seconds(first.time));
    await page.screenshot({ path: test.info().outputPath("paper-history.png"), fullPage: true });

    // A zoom is the user's: kept until "Show all" fits the history again.
    await chart.hover();
    await page.mouse.wheel(0, -600);
    await expect(chart).toHaveAttribute("data-user-view", "true");
    await expect.poll(async () => (await visibleRange(page))?.from ?? 0, { message: "zoomed in: the first point is out of view" }).toBeGreaterThan(seconds(first.time));
    await page.getByTestId("paper-equity-show-all").click();
    await expect.poll(async () => (await visibleRange(page))?.from ?? Infinity).toBeLessThanOrEqual(seconds(first.time));

    const stopped = await request.post(`/api/paper/${accountId}/status`, { data: { status: "stopped" }, headers: SAME_ORIGIN });
    expect(stopped.status()).toBe(200);
    await expect(page.getByTestId("paper-monitor")).toHaveAttribute("data-status", "stopped", { timeout: 15_000 });
  });

  test("an account id that is not an account says so instead of loading", async ({ page }) => {
    for (const id of ["nonsense", "00000000-0000-4000-8000-000000000000"]) {
      await page.goto(`/paper?account=${id}`);
      await expect(page.getByTestId("paper-no-account"), `?account=${id}`).toContainText("No such account", { timeout: 5_000 });
      await expect(page.getByTestId("paper-monitor-loading")).toHaveCount(0);
    }
  });
});
