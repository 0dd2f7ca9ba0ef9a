import { expect, test } from "@playwright/test";
import { SECTIONS } from "../components/layout/section-links";

test("health reports the embedded driver with migrations applied", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.ok()).toBe(true);
  expect(await res.json()).toMatchObject({ ok: true, driver: "embedded", migrations: { upToDate: true } });
});

test("the home page renders inside the app layout", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("store-driver")).toContainText("Embedded PostgreSQL");
  await expect(page.getByRole("navigation", { name: "Sections" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("overview.png"), fullPage: true });
});

for (const section of SECTIONS) {
  test(`navigation reaches ${section.label}`, async ({ page }) => {
    await page.goto("/");
    await page.getByTestId(section.testId).click();
    await expect(page).toHaveURL(new RegExp(`${section.href === "/" ? "/$" : section.href}$`));
    await expect(page.getByRole("heading", { level: 1, name: section.label })).toBeVisible();
    await expect(page.getByTestId(section.testId)).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: test.info().outputPath(`${section.testId}.png`), fullPage: true });
  });
}
