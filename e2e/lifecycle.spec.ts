import { expect, test } from "@playwright/test";
import { inArray } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client";
import { upsertHypotheses } from "../db/queries/hypotheses";
import { applyLifecycleMoves, type AppliedMove } from "../db/queries/lifecycle";
import { lifecycleEvents, hypothesisLifecycle } from "../db/schema";
import { RESEARCH_LOOP_DEFAULTS } from "../lib/contract/lifecycle";
import { BOUNCE_LONG, SNAP_LONG } from "../lib/jobs/research-loop/testing/planted-loop-market";
import type { ResearchEvidence } from "../lib/lifecycle/move-evidence";
import { E2E_ORIGIN, SAME_ORIGIN } from "./e2e-origin";
import { openE2eDatabase } from "./e2e-database";

const DAY = 86_400_000;
const research = (overall: ResearchEvidence["overall"], reasons: string[] = []): ResearchEvidence => ({
  kind: "research",
  batchId: null,
  overall,
  reasons,
  fromTime: Date.UTC(2026, 0, 1),
  toTime: Date.UTC(2026, 0, 1) + 45 * DAY,
  inSample: { trades: 150, winRate: 0.86, profitFactor: 3.9, sharpe: 9.1 },
  outOfSample: { trades: 64, winRate: 0.844, profitFactor: 3.89, sharpe: 8.2 },
  deflatedSharpe: 0.999,
  trials: 4,
});

function move(h: { id: string; name: string }, symbol: string, from: AppliedMove["from"], to: AppliedMove["to"], reason: string, evidence: AppliedMove["evidence"]): AppliedMove {
  return { hypothesisId: h.id, hypothesisName: h.name, symbol, from, to, reason, evidence, actor: { kind: "loop" }, personMust: null, paperAccountId: null };
}

/*
 * The Lifecycle page on rows seeded as the research loop writes them (no loop runs: its schedule stays off): the
 * planted BTC edge promoted to paper, the decayed ETH one promoted and retired.
 */
test.describe("the Lifecycle page", () => {
  let store: DatabaseHandle;
  test.beforeAll(async () => {
    store = await openE2eDatabase();
    await upsertHypotheses(store.db, [BOUNCE_LONG, SNAP_LONG], "file");
    await applyLifecycleMoves(store.db, [
      move(BOUNCE_LONG, "BTCUSDT.P", null, "candidate", "First judged by the edge analysis (4 trials): tracked as a candidate.", research("pass")),
      move(BOUNCE_LONG, "BTCUSDT.P", "candidate", "passed", "Passed the edge analysis: out of sample 64 trades, win rate 84.4%.", research("pass")),
      move(BOUNCE_LONG, "BTCUSDT.P", "passed", "paper", "Promoted to paper trading automatically.", { kind: "promotion", research: research("pass"), paperAccountId: null }),
      move(SNAP_LONG, "ETHUSDT.P", null, "candidate", "First judged by the edge analysis (4 trials): tracked as a candidate.", research("pass")),
      move(SNAP_LONG, "ETHUSDT.P", "candidate", "passed", "Passed the edge analysis.", research("pass")),
      move(SNAP_LONG, "ETHUSDT.P", "passed", "paper", "Promoted to paper trading automatically.", { kind: "promotion", research: research("pass"), paperAccountId: null }),
      move(SNAP_LONG, "ETHUSDT.P", "paper", "retired", "Demoted: a re-run no longer passes the edge analysis (in sample: win rate 38% < 55%).", research("fail", ["in sample: win rate 38% < 55%", "out of sample: profit factor 0.69 < 1.5 (5m)"])),
    ]);
  });
  test.afterAll(async ({ playwright }) => {
    // The loop's schedule off again (through the route, which also takes it off pg-boss), and the seeded pairs gone.
    const api = await playwright.request.newContext({ baseURL: E2E_ORIGIN });
    await api.put("/api/research-loop", { data: RESEARCH_LOOP_DEFAULTS, headers: SAME_ORIGIN });
    await api.dispose();
    const ids = [BOUNCE_LONG.id, SNAP_LONG.id];
    await store.db.delete(lifecycleEvents).where(inArray(lifecycleEvents.hypothesisId, ids));
    await store.db.delete(hypothesisLifecycle).where(inArray(hypothesisLifecycle.hypothesisId, ids));
    await store?.close();
  });

  test("shows the loop off by default; a bad cron is refused beside its field; a saved schedule persists", async ({ page }) => {
    await page.goto("/lifecycle");
    await expect(page.getByRole("heading", { level: 1, name: "Lifecycle" })).toBeVisible();
    await expect(page.getByTestId("loop-enabled")).not.toBeChecked();
    await expect(page.getByTestId("loop-cron")).toHaveValue("0 */6 * * *");
    await expect(page.getByTestId("loop-next-run")).toContainText("The schedule is off");
    await expect(page.getByTestId("loop-runs-empty")).toBeVisible();

    await page.getByTestId("loop-cron").fill("every night");
    await page.getByTestId("loop-save").click();
    await expect(page.getByTestId("field-error-cron")).toContainText("a cron expression has five fields");
    await page.reload();
    await expect(page.getByTestId("loop-cron"), "nothing was saved").toHaveValue("0 */6 * * *");

    await page.getByTestId("loop-enabled").check();
    await page.getByTestId("loop-cron").fill("15 3 * * 1");
    await page.getByTestId("loop-window").fill("60");
    await page.getByTestId("loop-autoPromote").uncheck();
    await page.getByTestId("loop-save").click();
    await expect(page.getByTestId("loop-saved")).toHaveText("Saved: schedule on/off, schedule, window, auto-promote to paper changed.");
    await expect(page.getByTestId("loop-next-run")).toHaveText(/^Next run: \d{4}-\d\d-\d\d 03:15:00 UTC$/);
    await page.reload();
    await expect(page.getByTestId("loop-enabled")).toBeChecked();
    await expect(page.getByTestId("loop-cron")).toHaveValue("15 3 * * 1");
    await expect(page.getByTestId("loop-window")).toHaveValue("60");
    await expect(page.getByTestId("loop-autoPromote")).not.toBeChecked();
    await expect(page.getByTestId("loop-autoDemote")).toBeChecked();
    await expect(page.getByText("Last saved")).toContainText("by dashboard (loopback, no access token)");
  });

  test("lists each hypothesis × instrument with its state; a row expands to its history and the numbers behind each move", async ({ page }) => {
    await page.goto("/lifecycle");
    const bounce = page.locator(`[data-testid="lifecycle-row"][data-hypothesis="${BOUNCE_LONG.id}"]`);
    const snap = page.locator(`[data-testid="lifecycle-row"][data-hypothesis="${SNAP_LONG.id}"]`);
    await expect(bounce).toHaveAttribute("data-state", "paper");
    await expect(bounce.getByTestId("lifecycle-state")).toHaveText("paper");
    await expect(bounce).toContainText(BOUNCE_LONG.name);
    await expect(bounce).toContainText("BTCUSDT.P");
    await expect(bounce).toContainText("Promoted to paper trading automatically.");
    await expect(snap).toHaveAttribute("data-state", "retired");

    await page.getByTestId("lifecycle-filter-retired").click();
    await expect(page.getByTestId("lifecycle-row")).toHaveCount(1);
    await expect(snap).toBeVisible();
    await page.getByTestId("lifecycle-filter-all").click();
    await expect(page.getByTestId("lifecycle-row")).toHaveCount(2);

    await snap.getByTestId("lifecycle-expand").click();
    const history = page.getByTestId("lifecycle-history");
    await expect(history.getByTestId("lifecycle-event")).toHaveCount(4);
    const retired = history.getByTestId("lifecycle-event").last();
    await expect(retired).toContainText("Demoted: a re-run no longer passes the edge analysis");
    await expect(retired).toContainText("by research-loop");
    await expect(retired.getByTestId("evidence-research")).toContainText("failed, with a deflated Sharpe of 0.999 over 4 trials");
    await expect(retired.getByTestId("evidence-research").locator("tbody tr").first()).toContainText("150");
    await expect(retired).toContainText("out of sample: profit factor 0.69 < 1.5 (5m)");
    await expect(history, "evidence is sentences and tables, not JSON").not.toContainText('"kind"');

    await page.getByTestId("lifecycle-move-reason").fill("the snap-back was a one-off");
    await page.getByTestId("lifecycle-move-candidate").click();
    await expect(snap).toHaveAttribute("data-state", "candidate");
    await expect(snap).toContainText("Sent back to research by dashboard (loopback, no access token): the snap-back was a one-off");
  });

  test("on a 390 px phone the page does not scroll sideways, with a history open", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/lifecycle");
    await page.locator(`[data-testid="lifecycle-row"][data-hypothesis="${BOUNCE_LONG.id}"]`).getByTestId("lifecycle-expand").click();
    await expect(page.getByTestId("lifecycle-history")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "the page is no wider than the screen").toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("lifecycle-390.png"), fullPage: true });
  });

  test("at 1440 px the table and the loop sit side by side", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/lifecycle");
    await page.locator(`[data-testid="lifecycle-row"][data-hypothesis="${BOUNCE_LONG.id}"]`).getByTestId("lifecycle-expand").click();
    await expect(page.getByTestId("lifecycle-history")).toBeVisible();
    const table = await page.getByTestId("lifecycle-table").boundingBox();
    const form = await page.getByTestId("loop-settings-form").boundingBox();
    expect(form && table && form.x > table.x + table.width - 1, "the loop's panel is right of the table").toBe(true);
    await page.screenshot({ path: test.info().outputPath("lifecycle-1440.png"), fullPage: true });
  });
});
