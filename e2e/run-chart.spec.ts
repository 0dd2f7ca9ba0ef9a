import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";
import { fillOnItsBar, listRuns, RunPage, tradesOf, type RunSummary, type Trade } from "./pages/run-page";
import { ensurePipeline } from "./research-fixtures";

const BAR_MS: Record<string, number> = { "2m": 120_000, "5m": 300_000, "15m": 900_000, "30m": 1_800_000 };
const RSI_RULE = /^RSI\((\d+)\)\s*([<>]=?)\s*(\d+(\.\d+)?)$/;

interface Hypothesis {
  id: string;
  name: string;
  entryConditions: string[];
}

/** A run of a hypothesis whose own-timeframe rule compares RSI with a level; launched when the pipeline made none. */
async function rsiRun(request: APIRequestContext): Promise<{ run: RunSummary; rule: string }> {
  const { hypotheses } = (await (await request.get("/api/hypotheses")).json()) as { hypotheses: Hypothesis[] };
  const withRule = hypotheses.flatMap((h) => {
    const rule = h.entryConditions.find((c) => RSI_RULE.test(c.trim()));
    return rule ? [{ h, rule }] : [];
  });
  expect(withRule.length, "the catalog has RSI hypotheses").toBeGreaterThan(0);
  const find = async () => {
    const runs = await listRuns(request);
    for (const { h, rule } of withRule) {
      const run = runs.find((r) => r.hypothesisId === h.id && r.kind === "single" && r.trades > 0);
      if (run) return { run, rule };
    }
    return undefined;
  };
  const existing = await find();
  if (existing) return existing;
  const first = withRule[0];
  if (!first) throw new Error("no RSI hypothesis");
  const started = await request.post("/api/jobs", { data: { kind: "backtest", params: { label: "e2e RSI chart", hypothesisIds: withRule.map((x) => x.h.id), symbols: ["BTCUSDT.P"] } }, headers: SAME_ORIGIN });
  expect(started.status(), await started.text()).toBe(202);
  const { job } = (await started.json()) as { job: { id: string } };
  await expect.poll(async () => ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status, { timeout: 150_000, intervals: [2_000] }).toBe("succeeded");
  const launched = await find();
  if (!launched) throw new Error("the RSI backtest stored no run with trades");
  return launched;
}

test.describe("run chart", () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    await request.dispose();
  });

  test("exit markers sit at the exit fill: a short stopped out above its entry shows its exit above the entry", async ({ page, request }) => {
    test.setTimeout(120_000);
    let pick: { run: RunSummary; trade: Trade; strict: boolean } | undefined;
    let fallback: { run: RunSummary; trade: Trade; strict: boolean } | undefined;
    for (const run of (await listRuns(request)).filter((r) => r.kind === "single" && r.trades > 0).slice(0, 12)) {
      const trades = await tradesOf(request, run.id);
      let short: Trade | undefined;
      for (const t of trades.filter((x) => x.side === "short" && x.reason === "stop" && x.exitPrice > x.entryPrice)) {
        if (await fillOnItsBar(request, run, t)) {
          short = t;
          break;
        }
      }
      if (short) {
        pick = { run, trade: short, strict: true };
        break;
      }
      const any = trades.find((t) => t.exitPrice !== t.entryPrice);
      if (!fallback && any && (await fillOnItsBar(request, run, any))) fallback = { run, trade: any, strict: false };
    }
    const chosen = pick ?? fallback;
    if (!chosen) throw new Error("no trade with an exit away from its entry");
    test.info().annotations.push({ type: "trade", description: `${chosen.strict ? "short stopped above entry" : "fallback"} #${chosen.trade.seq + 1} of ${chosen.run.id}` });
    const { run, trade } = chosen;
    const number = trade.seq + 1;
    const chart = new RunPage(page);
    await chart.goto(run.id, `?trade=${number}`);
    await expect(chart.selected).toHaveAttribute("data-number", String(number));

    await expect.poll(async () => (await chart.markers()).filter((m) => m.id === `entry-${trade.seq}` || m.id === `exit-${trade.seq}`).length, { timeout: 20_000 }).toBe(2);
    const drawn = await chart.markers();
    const entry = drawn.find((m) => m.id === `entry-${trade.seq}`);
    const exit = drawn.find((m) => m.id === `exit-${trade.seq}`);
    expect(entry?.position, "the entry is drawn at a price, not above or below the bar").toMatch(/^atPrice/);
    expect(exit?.position, "the exit is drawn at a price, not above or below the bar").toBe("atPriceMiddle");
    expect(entry?.price, "entry marker at the entry fill").toBeCloseTo(trade.entryPrice, 6);
    expect(exit?.price, "exit marker at the exit fill").toBeCloseTo(trade.exitPrice, 6);
    const [ey, xy] = [entry?.y ?? NaN, exit?.y ?? NaN];
    expect(Number.isFinite(ey) && Number.isFinite(xy), "both prices are on the price scale").toBe(true);
    // Screen y grows downwards: a higher exit price is a smaller y.
    if (trade.exitPrice > trade.entryPrice) expect(xy, "the exit marker is above the entry marker").toBeLessThan(ey);
    else expect(xy, "the exit marker is below the entry marker").toBeGreaterThan(ey);

    // Hovering the exit marker names the trade with its details, in a tooltip off the candles.
    await chart.chart.scrollIntoViewIfNeeded();
    const box = await chart.chart.boundingBox();
    if (!box || exit?.x === null || exit?.x === undefined) throw new Error("chart not laid out");
    await page.mouse.move(box.x + exit.x, box.y + xy, { steps: 4 });
    const tooltip = page.getByTestId("trade-tooltip");
    await expect(tooltip).toContainText(`#${number}`);
    await expect(tooltip).toContainText("USDT");
    await expect(page.getByTestId("ohlcv-legend")).toContainText("O ");
    await chart.chart.screenshot({ path: test.info().outputPath("exit-marker.png") });
  });

  test("an RSI rule's run shows RSI in its own pane with the rule's level", async ({ page, request }) => {
    test.setTimeout(240_000);
    const { run, rule } = await rsiRun(request);
    const [, period, , level] = RSI_RULE.exec(rule.trim()) ?? [];
    const chart = new RunPage(page);
    await chart.goto(run.id);
    await expect.poll(async () => (await chart.panes()).length, { timeout: 20_000, message: "an indicator pane below the candles" }).toBeGreaterThan(1);
    const panes = await chart.panes();
    const rsiPane = panes.findIndex((p) => p.titles.includes(`RSI(${period})`));
    expect(rsiPane, `RSI(${period}) drawn in a pane below the price pane: ${JSON.stringify(panes)}`).toBeGreaterThanOrEqual(1);
    expect(panes[rsiPane]?.lines, `the rule's level ${level} as a line in the RSI pane`).toContain(Number(level));
    await expect(page.getByTestId("ohlcv-legend")).toContainText(`RSI(${period})`);
    await chart.chart.screenshot({ path: test.info().outputPath("rsi-pane.png") });
  });

  test("?trade=N opens on trade N; ↓ selects the next and the URL follows; a drag away offers the way back", async ({ page, request }) => {
    test.setTimeout(120_000);
    const run = (await listRuns(request)).find((r) => r.kind === "single" && r.trades >= 5);
    if (!run) throw new Error("no run with five trades");
    const trades = await tradesOf(request, run.id);
    const barMs = BAR_MS[run.timeframe] ?? 0;
    const chart = new RunPage(page);
    await chart.goto(run.id, "?trade=3");
    await expect(chart.selected).toHaveAttribute("data-number", "3");
    await expect(chart.selected).toContainText("Trade #3");
    const third = trades[2];
    if (!third) throw new Error("no third trade");
    const inView = async (t: Trade) => {
      const r = await chart.visibleRange();
      const bar = Math.floor(t.entryTime / barMs) * barMs;
      return r !== null && r.from <= bar && bar <= r.to;
    };
    await expect.poll(() => inView(third), { timeout: 20_000, message: "the chart shows trade #3" }).toBe(true);

    await page.keyboard.press("ArrowDown");
    await expect(chart.selected).toHaveAttribute("data-number", "4");
    await expect(page).toHaveURL(/[?&]trade=4(&|$)/);
    const fourth = trades[3];
    if (!fourth) throw new Error("no fourth trade");
    await expect.poll(() => inView(fourth), { timeout: 20_000, message: "the chart moved to trade #4" }).toBe(true);
    await page.keyboard.press("k");
    await expect(page).toHaveURL(/[?&]trade=3(&|$)/);
    const historyLength = await page.evaluate(() => window.history.length);
    await page.keyboard.press("j");
    await expect(page).toHaveURL(/[?&]trade=4(&|$)/);
    expect(await page.evaluate(() => window.history.length), "selection replaces the URL, it does not push").toBe(historyLength);

    // The table's filter goes into the URL too, and survives a reload.
    await page.getByTestId("side-short").click();
    await expect(page).toHaveURL(/[?&]side=short/);

    // Dragging the chart far away from the selected trade offers the way back.
    await expect(page.getByTestId("back-to-trade")).toHaveCount(0);
    await page.evaluate(() => {
      const ts = window.__tradeChart?.chart.timeScale();
      const r = ts?.getVisibleLogicalRange();
      if (ts && r) ts.setVisibleLogicalRange({ from: r.from + 400, to: r.to + 400 });
    });
    const back = page.getByTestId("back-to-trade");
    await expect(back).toHaveText("Back to trade #4");
    await back.click();
    await expect.poll(() => inView(fourth), { timeout: 20_000 }).toBe(true);
    await expect(back).toHaveCount(0);
  });

  test("clicking another trade's marker on the chart selects it", async ({ page, request }) => {
    test.setTimeout(120_000);
    // Two trades close together, so the second's entry is in view around the first.
    let pair: { run: RunSummary; a: Trade; b: Trade } | undefined;
    for (const run of (await listRuns(request)).filter((r) => r.kind === "single" && r.trades > 1).slice(0, 12)) {
      const barMs = BAR_MS[run.timeframe] ?? 0;
      const trades = await tradesOf(request, run.id);
      const k = trades.findIndex((t, i) => {
        const next = trades[i + 1];
        return next !== undefined && next.entryTime - t.exitTime < 20 * barMs && next.entryTime - t.exitTime > 2 * barMs;
      });
      const [a, b] = [trades[k], trades[k + 1]];
      if (k >= 0 && a && b) {
        pair = { run, a, b };
        break;
      }
    }
    if (!pair) throw new Error("no two trades within 20 bars of each other");
    const chart = new RunPage(page);
    await chart.goto(pair.run.id, `?trade=${pair.a.seq + 1}`);
    await expect(chart.selected).toHaveAttribute("data-seq", String(pair.a.seq));
    const id = `entry-${pair.b.seq}`;
    await expect.poll(async () => (await chart.markers()).some((m) => m.id === id), { timeout: 20_000 }).toBe(true);
    await chart.chart.scrollIntoViewIfNeeded();
    const marker = (await chart.markers()).find((m) => m.id === id);
    const box = await chart.chart.boundingBox();
    if (!box || marker?.x === null || marker?.x === undefined || marker.y === null) throw new Error("marker not on screen");
    await page.mouse.click(box.x + marker.x, box.y + marker.y);
    await expect(chart.selected).toHaveAttribute("data-seq", String(pair.b.seq));
    await expect(page).toHaveURL(new RegExp(`[?&]trade=${pair.b.seq + 1}(&|$)`));
  });

  test("the trades table exports exactly the rows shown, with units in the header", async ({ page, request }) => {
    const run = (await listRuns(request)).find((r) => r.kind === "single" && r.trades > 3);
    if (!run) throw new Error("no run with trades");
    const trades = await tradesOf(request, run.id);
    expect(trades.some((t) => t.mae !== null && t.mfe !== null), "the trades API measures MAE/MFE").toBe(true);
    for (const t of trades) if (t.mae && t.mfe) expect(t.mae.usdt >= 0 && t.mfe.usdt >= 0, "excursions are sizes").toBe(true);
    const chart = new RunPage(page);
    await chart.goto(run.id, "?reason=stop&sort=-netPnl");
    const shown = Number((await page.getByTestId("trades-shown").textContent())?.split(" ")[0]);
    expect(shown, "as many rows as the run has stops").toBe(trades.filter((t) => t.reason === "stop").length);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("trades-export").click()]);
    expect(download.suggestedFilename()).toBe(`trades-${run.id}.csv`);
    const path = await download.path();
    const lines = (await readFile(path, "utf8")).trimEnd().split("\r\n");
    const [header, ...rows] = lines;
    expect(rows, "one CSV row per row shown").toHaveLength(shown);
    expect(header).toContain("Net PnL (USDT)");
    expect(header).toContain("MAE (% of entry)");
    expect(header).toContain("Entry time (UTC)");
    expect(rows.every((r) => r.split(",")[6] === "stop"), "only the filtered exit reason").toBe(true);
  });

  test("the chart's axes and grid follow the theme toggle without a reload", async ({ page, request }) => {
    const run = (await listRuns(request)).find((r) => r.kind === "single" && r.trades > 0);
    if (!run) throw new Error("no run with trades");
    const chart = new RunPage(page);
    await chart.goto(run.id);
    const chrome = () => page.evaluate(() => {
      const options = window.__tradeChart?.chart.options();
      return { text: options?.layout.textColor, grid: options?.grid.horzLines.color, css: getComputedStyle(document.documentElement).getPropertyValue("--grid").trim() };
    });
    const before = await chrome();
    expect(before.grid, "the grid is the theme's").toBe(before.css);
    await page.getByTestId("theme-toggle").click();
    const after = await chrome();
    expect(after.css, "the other theme has another grid colour").not.toBe(before.css);
    expect(after.grid, "the chart repainted its grid in the new theme").toBe(after.css);
    expect(after.text).not.toBe(before.text);
  });
});
