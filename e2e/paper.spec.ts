import { expect, test, type Page } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";
import { paperHypotheses, runJob } from "./paper-fixtures";

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

/** The paper monitor (components/paper/monitor.tsx). */
class PaperPage {
  constructor(readonly page: Page) {}
  readonly monitor = () => this.page.getByTestId("paper-monitor");
  async equityPoints(): Promise<number> {
    return Number((await this.page.getByTestId("paper-equity-chart").getAttribute("data-points")) ?? "0");
  }
  async number(testId: string): Promise<number> {
    return Number(((await this.page.getByTestId(testId).textContent()) ?? "").replaceAll(",", ""));
  }
}

test.describe("Paper trading page", () => {
  test.describe.configure({ timeout: 300_000 });

  test("starts a replay from the page, updates live, shows the breakers, pauses and stops", async ({ page, request }) => {
    await runJob(request, "generate", { months: 1, symbols: ["BTCUSDT.P"], seed: 7 });
    await runJob(request, "discovery", { quick: true });

    // Refusals through the API: nothing passed (no final report), an unknown feed, an unknown account.
    const nothing = await request.post("/api/paper", { data: {}, headers: SAME_ORIGIN });
    expect(nothing.status()).toBe(422);
    expect(await nothing.json()).toMatchObject({ field: "hypothesisIds", error: expect.stringContaining("nothing passed the edge analysis") });
    const { hypotheses } = (await (await request.get("/api/hypotheses")).json()) as { hypotheses: { id: string; timeframe: string }[] };
    const chosen = hypotheses.filter((h) => h.timeframe === "5m" || h.timeframe === "15m").slice(0, 3);
    expect(chosen.length, "quick discovery stores 5m/15m hypotheses").toBeGreaterThan(0);
    const badFeed = await request.post("/api/paper", { data: { hypothesisIds: [chosen[0]?.id], feed: "carrier-pigeon" }, headers: SAME_ORIGIN });
    expect(badFeed.status()).toBe(400);
    expect(await badFeed.json()).toMatchObject({ field: "feed" });
    expect((await request.get("/api/paper/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
    expect((await request.get("/api/paper/nope")).status()).toBe(400);

    const paper = new PaperPage(page);
    await page.goto("/paper");
    await expect(page.getByTestId("paper-start-form")).toBeVisible();
    await expect(page.getByTestId("paper-no-recommendations")).toBeVisible();
    for (const h of chosen) await page.locator(`[data-testid="paper-hypothesis-option"][value="${h.id}"]`).check();
    await page.getByTestId("paper-speed").selectOption("5");
    await page.getByTestId("paper-name").fill("e2e replay");
    await page.getByTestId("paper-start").click();

    await expect(paper.monitor()).toBeVisible({ timeout: 30_000 });
    await expect(paper.monitor()).toHaveAttribute("data-status", "running");
    await expect(page).toHaveURL(/[?&]account=[0-9a-f-]{36}/);

    // Live updates: the equity curve grows, fills and signals arrive, a position opens at some point.
    await expect.poll(() => paper.equityPoints(), { timeout: 60_000, message: "equity marks arrive" }).toBeGreaterThan(20);
    const before = await paper.equityPoints();
    await expect.poll(() => paper.equityPoints(), { timeout: 30_000, message: "the curve keeps growing" }).toBeGreaterThan(before);
    await expect(page.getByTestId("paper-signal-row").first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("paper-fill-row").first()).toBeVisible({ timeout: 90_000 });
    // A replay says it replays: "live" is for the exchange feed only.
    await expect(page.getByTestId("paper-feed")).toHaveAttribute("data-state", "replaying");
    await expect(page.getByTestId("paper-feed-badge")).toHaveText("replaying");
    await expect(page.getByTestId("paper-breakers")).toBeVisible();
    await expect(page.getByTestId("paper-breaker-daily")).toHaveAttribute("data-state", /ok|paused/);
    await expect(page.getByTestId("paper-breaker-drawdown")).toHaveAttribute("data-state", /ok|halted/);
    await expect(page.getByTestId("paper-comparison-row").first()).toBeVisible();
    await expect.poll(async () => Number(await page.getByTestId("paper-candle-chart").getAttribute("data-candles")), { timeout: 15_000 }).toBeGreaterThan(10);
    await page.screenshot({ path: test.info().outputPath("paper-running.png"), fullPage: true });

    // Pause: the last bar stops moving; resume: it moves again.
    await page.getByTestId("paper-pause").click();
    await expect(paper.monitor()).toHaveAttribute("data-status", "paused");
    await page.waitForTimeout(1_500);
    const pausedAt = await page.getByTestId("paper-last-bar").textContent();
    await page.waitForTimeout(2_000);
    await expect(page.getByTestId("paper-last-bar")).toHaveText(pausedAt ?? "");
    await page.getByTestId("paper-resume").click();
    await expect(paper.monitor()).toHaveAttribute("data-status", "running");
    await expect(page.getByTestId("paper-last-bar")).not.toHaveText(pausedAt ?? "", { timeout: 15_000 });

    await page.getByTestId("paper-stop").click();
    await expect(paper.monitor()).toHaveAttribute("data-status", "stopped", { timeout: 15_000 });
    await expect(page.getByTestId("paper-resume")).toBeVisible();
    const trades = await paper.number("paper-trades");
    expect(trades).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("paper-stopped.png"), fullPage: true });

    // Stopped stays stopped: no bar is processed after the stop.
    const stoppedAt = await page.getByTestId("paper-last-bar").textContent();
    await page.waitForTimeout(2_500);
    await page.reload();
    await expect(page.getByTestId("paper-last-bar")).toHaveText(stoppedAt ?? "");
  });
});

// After the first describe: it expects a database without paper accounts.
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

    // More marks than a phone-wide chart fits at lightweight-charts' default minimum bar spacing (0.5 px).
    await expect.poll(async () => Number(await chart.getAttribute("data-points")), { timeout: 120_000 }).toBeGreaterThan(800);
    const stopped = await request.post(`/api/paper/${accountId}/status`, { data: { status: "stopped" }, headers: SAME_ORIGIN });
    expect(stopped.status()).toBe(200);
    await expect(page.getByTestId("paper-monitor")).toHaveAttribute("data-status", "stopped", { timeout: 15_000 });

    // Opened afresh, the stopped account's chart is fitted to its whole history from the first paint.
    const { equity: all } = (await (await request.get(`/api/paper/${accountId}`)).json()) as { equity: EquityPoint[] };
    const [start, end] = [all[0], all[all.length - 1]];
    if (!start || !end) throw new Error("the API returned no equity");
    for (const size of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      await page.reload();
      await expect
        .poll(
          async () => {
            const range = await visibleRange(page);
            return range !== null && range.from <= seconds(start.time) && range.to >= seconds(end.time);
          },
          { timeout: 10_000, message: `${size.width} px wide, on load: the visible range covers the first and last equity points` },
        )
        .toBe(true);
    }
  });

  test("an account id that is not an account says so instead of loading", async ({ page }) => {
    for (const id of ["nonsense", "00000000-0000-4000-8000-000000000000"]) {
      await page.goto(`/paper?account=${id}`);
      await expect(page.getByTestId("paper-no-account"), `?account=${id}`).toContainText("No such account", { timeout: 5_000 });
      await expect(page.getByTestId("paper-monitor-loading")).toHaveCount(0);
    }
  });
});
