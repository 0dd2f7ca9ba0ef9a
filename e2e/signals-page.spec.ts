import { expect, test } from "@playwright/test";
import { SignalsPage, type CustomHypothesis } from "./pages/signals-page";

const valid = (name: string): CustomHypothesis => ({
  name,
  timeframe: "15m",
  direction: "short",
  // Unusual thresholds so the id (derived from the rules) cannot coincide with a catalog hypothesis.
  entryConditions: ["RSI(9) > 77.5", "Close < EMA(21)"],
  stopLoss: "1.2 ATR above entry",
  target: "2.5R",
  hold: [15, 90],
  accuracyPct: 56,
  signalType: "mean_reversion",
  description: "Fade overbought pushes that already lost the short-term trend.",
});

test.describe("Signals page", () => {
  test("discovery from the Signals page stores at least 30 hypotheses", async ({ page }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    await page.getByTestId("run-discovery").click();
    await signals.job.followedJobId();
    await signals.job.expectSucceeded();
    await expect.poll(() => signals.count(), { message: "the table is re-read when discovery finishes" }).toBeGreaterThanOrEqual(30);
    expect(await signals.rows.count()).toBeGreaterThanOrEqual(30);
    await page.screenshot({ path: test.info().outputPath("signals-after-discovery.png") });

    await page.getByTestId("filter-15m").click();
    const shown = await signals.rows.count();
    expect(shown).toBeGreaterThan(0);
    await expect(signals.rows.and(page.locator('[data-timeframe="15m"]'))).toHaveCount(shown);
  });

  test("a malformed rule shows the parser's message as you type and saves nothing", async ({ page, request }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    const before = await signals.count();
    await signals.fill({ ...valid(`Broken ${Date.now()}`), entryConditions: ["RSI(14) <"] });
    await expect(signals.ruleError("entryConditions-0")).toHaveText("expected a number or indicator after '<' at column 9");
    await signals.save();
    await expect(signals.ruleError("entryConditions-0"), "the save refuses it with the same message").toHaveText("expected a number or indicator after '<' at column 9");
    await expect(page.getByTestId("custom-hypothesis-saved")).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath("signals-rule-error.png"), fullPage: true });
    await signals.form.screenshot({ path: test.info().outputPath("signals-form-rule-error.png") });

    const stored = (await (await request.get("/api/hypotheses")).json()) as { hypotheses: unknown[] };
    expect(stored.hypotheses.length, "nothing was stored").toBe(before);
    await page.reload();
    expect(await signals.count()).toBe(before);

    // Fixing the rule clears the message while typing.
    await signals.form.getByTestId("h-entry-0").pressSequentially(" 30");
    await expect(signals.ruleError("entryConditions-0")).toHaveCount(0);
  });

  test("a stop on the wrong side is named next to the stop field", async ({ page }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    await signals.fill({ ...valid("Wrong side"), direction: "long", stopLoss: "1 ATR above entry" });
    await expect(signals.ruleError("stopLoss")).toHaveText("a long stop must be below entry");
  });

  test("a target below the timeframe's minimum reward:risk is refused until the box is ticked", async ({ page, request }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    const before = await signals.count();
    const name = `Tight scalp ${Date.now()}`;
    await signals.fill({ ...valid(name), direction: "long", entryConditions: ["RSI(11) < 23.5"], stopLoss: "0.5%", target: "+30 pips" });
    const shortfall = "+30 pips over stop 0.5% is 0.6R on 15m: below the minimum 1.3R for 15m";
    await expect(signals.ruleError("target")).toHaveText(shortfall);
    await signals.save();
    await expect(signals.ruleError("target"), "the save refuses it with the same numbers").toHaveText(shortfall);
    await expect(page.getByTestId("custom-hypothesis-saved")).toHaveCount(0);

    await signals.form.getByTestId("h-allow-below-min-rr").check();
    await expect(signals.ruleError("target")).toHaveCount(0);
    await expect(signals.form.getByTestId("h-below-min-rr-note")).toContainText(shortfall);
    await signals.save();
    await expect(page.getByTestId("custom-hypothesis-saved")).toContainText(name);
    await expect.poll(() => signals.count()).toBe(before + 1);
    const stored = (await (await request.get("/api/hypotheses")).json()) as { hypotheses: { name: string; allowBelowMinRiskReward?: boolean }[] };
    expect(stored.hypotheses.find((h) => h.name === name)?.allowBelowMinRiskReward, "the flag is stored with the hypothesis").toBe(true);
  });

  test("a valid custom hypothesis saves and appears in the list", async ({ page }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    const before = await signals.count();
    const name = `Overbought fade ${Date.now()}`;
    await signals.fill(valid(name));
    await expect(signals.form.locator('[data-testid^="rule-error-"]')).toHaveCount(0);
    await signals.save();
    await expect(page.getByTestId("custom-hypothesis-saved")).toContainText(name);
    await expect.poll(() => signals.count()).toBe(before + 1);
    const row = signals.rows.filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("custom");
    await expect(row).toContainText("RSI(9) > 77.5");
    await expect(row).toContainText("56%");
    await page.screenshot({ path: test.info().outputPath("signals-custom-saved.png"), fullPage: true });
  });

  test("one Save on an empty form flags every missing field at once; fields say they are required", async ({ page }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    const before = await signals.count();
    await signals.save();
    for (const field of ["name", "description", "typicalHoldMinutes", "expectedAccuracy"]) {
      await expect(signals.form.getByTestId(`field-error-${field}`), `${field} is flagged on the first Save`).toBeVisible();
    }
    for (const field of ["entryConditions-0", "stopLoss", "target"]) await expect(signals.ruleError(field)).toHaveText("required");
    await expect(page.getByTestId("custom-hypothesis-saved")).toHaveCount(0);
    expect(await signals.count(), "nothing was stored").toBe(before);

    for (const id of ["h-name", "h-entry-0", "h-stopLoss", "h-target", "h-hold-min", "h-hold-max", "h-accuracy", "h-description"]) {
      const input = signals.form.getByTestId(id);
      await expect(input, `${id} is marked required`).toHaveAttribute("required", "");
      await expect(input, "a placeholder is an example, not a value").toHaveAttribute("placeholder", /^e\.g\. /);
    }
    await expect(signals.form.getByTestId("h-funding")).not.toHaveAttribute("required", "");
    await expect(signals.form.locator(".required-mark").first()).toBeVisible();

    // Fixing one field clears only its own message.
    await signals.form.getByTestId("h-name").fill("Half done");
    await expect(signals.form.getByTestId("field-error-name")).toHaveCount(0);
    await expect(signals.form.getByTestId("field-error-description")).toBeVisible();
    await signals.form.screenshot({ path: test.info().outputPath("signals-form-all-missing.png") });
  });

  test("a misspelt rule word suggests the nearest known one", async ({ page }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    await signals.form.getByTestId("h-entry-0").pressSequentially("Close crosses abov EMA(20)");
    await expect(signals.ruleError("entryConditions-0")).toHaveText("expected 'above' or 'below' at column 15, found 'abov'; did you mean 'above'?");
  });

  test("a saved hypothesis offers to backtest it now", async ({ page }) => {
    const signals = new SignalsPage(page);
    await signals.goto();
    const name = `Backtest me ${Date.now()}`;
    await signals.fill({ ...valid(name), entryConditions: ["RSI(13) > 78.5", "Close < EMA(22)"] });
    await signals.save();
    await expect(page.getByTestId("custom-hypothesis-saved")).toContainText(name);
    await page.getByTestId("backtest-it-now").click();
    await expect(page.getByRole("heading", { level: 1, name: "Backtests" })).toBeVisible();
    await expect(page.getByTestId("backtest-form"), "the launch form is where the link leads").toBeVisible();
    const picked = page.locator('[data-testid="bt-hypotheses"] label:has(input:checked)');
    await expect(picked, "the saved hypothesis, and only it, arrives ticked").toHaveCount(1);
    await expect(picked).toContainText(name);
  });
});

