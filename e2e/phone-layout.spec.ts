import { expect, test, type Page } from "@playwright/test";
import { SECTIONS } from "../components/layout/section-links";
import { ensurePipeline } from "./research-fixtures";

interface RunSummary {
  id: string;
  trades: number;
}

const PHONE = { width: 390, height: 844 };

/** How far the page is wider than the screen, and the elements sticking out furthest (to name the culprit in a failure). */
async function sidewaysOverflow(page: Page): Promise<{ overflow: number; widest: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    const describe = (el: Element) => {
      const testId = el.getAttribute("data-testid");
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      return `${el.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ""}${cls}`;
    };
    const sticking = Array.from(document.body.querySelectorAll("*"))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter(({ right }) => right > limit + 0.5)
      // The outermost culprits first: an element whose parent also sticks out only inherits the problem.
      .filter(({ el }) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit + 0.5 && el.parentElement !== document.body))
      .sort((a, b) => b.right - a.right)
      .slice(0, 8)
      .map(({ el, right }) => `${describe(el)} right=${Math.round(right)}px in ${describe(el.parentElement ?? el)}`);
    return { overflow: root.scrollWidth - limit, widest: sticking };
  });
}

test.describe("phone layout (390 × 844)", () => {
  test.use({ viewport: PHONE });

  let pages: { name: string; path: string }[] = [];

  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    const { batches } = (await (await request.get("/api/backtests?limit=20")).json()) as { batches: { runs: RunSummary[] }[] };
    const [first, second] = batches.flatMap((b) => b.runs).sort((a, b) => b.trades - a.trades);
    if (!first || !second) throw new Error("the pipeline stored fewer than two runs");
    await request.dispose();
    pages = [
      { name: "overview", path: "/" },
      { name: "data", path: "/data" },
      { name: "signals", path: "/signals" },
      { name: "backtests", path: "/backtests" },
      { name: "run", path: `/backtests/${first.id}` },
      { name: "compare", path: `/backtests/compare?a=${first.id}&b=${second.id}` },
      { name: "edge", path: "/edge" },
      { name: "funding", path: "/funding" },
      { name: "paper", path: "/paper" },
      { name: "live", path: "/live" },
      { name: "not found", path: "/no-such-page" },
    ];
  });

  test("no page scrolls sideways", async ({ page }) => {
    test.setTimeout(180_000);
    const failures: string[] = [];
    for (const { name, path } of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Charts and client tables settle after the first paint; measure what the user finally sees.
      await page.waitForLoadState("networkidle");
      const { overflow, widest } = await sidewaysOverflow(page);
      await page.screenshot({ path: test.info().outputPath(`phone-${name.replace(/\s+/g, "-")}.png`), fullPage: true });
      if (overflow > 0) failures.push(`${name} (${path}) is ${overflow}px wider than the screen; widest: ${widest.join("; ")}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  test("hypothesis names wrap after their underscores, never inside a word", async ({ page }) => {
    await page.goto("/signals");
    const names = page.getByTestId("hypothesis-name");
    await expect(names.first()).toBeVisible();
    // Where each name's lines break: the character before every break must be a separator (underscore, hyphen, space,
    // as in seeded names like seed-rsi-long-5m), not a letter or digit.
    const breaks = await names.evaluateAll((elements) =>
      elements.map((el) => {
        const text = el.textContent ?? "";
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const tops: number[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < (node.textContent ?? "").length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            tops.push(range.getBoundingClientRect().top);
          }
        }
        const before = tops.flatMap((top, i) => (i > 0 && top > (tops[i - 1] ?? top) + 2 ? [text.slice(Math.max(0, i - 6), i) + "|" + text.slice(i, i + 6)] : []));
        return { text, lines: before.length + 1, badBreaks: before.filter((b) => !/[_\-\s]\|/.test(b)) };
      }),
    );
    expect(breaks.some((b) => b.lines > 1), "some names are long enough to wrap on a phone").toBe(true);
    expect(breaks.filter((b) => b.badBreaks.length > 0), "breaks inside a word").toEqual([]);
  });

  test("the navigation collapses into a menu that reaches every section and closes on navigation", async ({ page }) => {
    await page.goto("/");
    const menu = page.getByTestId("nav-menu-button");
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("nav-live"), "the sections are folded away until the menu opens").toBeHidden();
    for (const section of SECTIONS) {
      await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      const link = page.getByTestId(section.testId);
      await expect(link).toBeInViewport();
      await link.click();
      await expect(page).toHaveURL(new RegExp(`${section.href === "/" ? "/$" : section.href}$`));
      await expect(page.getByRole("heading", { level: 1, name: section.label })).toBeVisible();
      await expect(menu, `the menu closes after going to ${section.label}`).toHaveAttribute("aria-expanded", "false");
      await expect(link).toBeHidden();
    }
  });
});
