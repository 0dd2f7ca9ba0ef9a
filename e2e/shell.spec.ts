import { expect, test, type Page } from "@playwright/test";

/** The body's background luminance (0 black … 1 white), as the page paints it. */
async function bodyLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test("an unknown address answers 404 with a page in the app's style and the way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sections" }), "inside the app's layout").toBeVisible();
  const links = page.getByTestId("not-found").getByRole("link");
  await expect(links.first()).toBeVisible();
  await links.filter({ hasText: "Backtests" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Backtests" })).toBeVisible();
});

test("the favicon and the touch icon are served", async ({ page, request }) => {
  await page.goto("/");
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon, "the page names its icon").toBeTruthy();
  const svg = await request.get(icon ?? "");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
  const apple = await request.get((await page.locator('link[rel="apple-touch-icon"]').getAttribute("href")) ?? "");
  expect(apple.headers()["content-type"]).toBe("image/png");
});

test.describe("light theme", () => {
  test.use({ colorScheme: "light" });

  test("follows the system, switches with the toggle and keeps the choice across reloads", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await bodyLuminance(page), "a light system gets a light page").toBeGreaterThan(0.9);

    await page.getByTestId("theme-toggle").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await bodyLuminance(page)).toBeLessThan(0.15);

    await page.reload();
    await expect(page.locator("html"), "the choice outlives the reload").toHaveAttribute("data-theme", "dark");
    expect(await bodyLuminance(page)).toBeLessThan(0.15);

    await page.getByTestId("theme-toggle").click();
    await page.goto("/data");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await bodyLuminance(page)).toBeGreaterThan(0.9);
  });

  test("the first paint already has the chosen theme (no flash of the other)", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("perp-edge-lab.theme", "dark"));
    // Read the theme as the first script after the head's runs, before any React code: what the first paint shows.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { themeAtParse: string | undefined }).themeAtParse = document.documentElement.dataset.theme;
      });
    });
    await page.goto("/");
    expect(await page.evaluate(() => (window as unknown as { themeAtParse: string | undefined }).themeAtParse)).toBe("dark");
  });
});
