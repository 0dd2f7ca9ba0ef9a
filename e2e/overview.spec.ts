import { expect, test, type APIRequestContext } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";
import { ensurePipeline } from "./research-fixtures";

interface JobJson {
  id: string;
  status: string;
  params: { mode?: string; quick?: boolean };
}

const getJob = async (request: APIRequestContext, id: string) => ((await (await request.get(`/api/jobs/${id}`)).json()) as { job: JobJson }).job;

test.describe("Overview pipeline", () => {
  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(300_000);
    const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await ensurePipeline(request);
    await request.dispose();
  });

  test("a quick run's report is marked quick on the overview", async ({ page }) => {
    await page.goto("/");
    // ensurePipeline ran the quick pipeline: its report must not pass for the full one.
    await expect(page.getByTestId("recommendation").getByTestId("report-quick")).toHaveText(/quick/i);
    await expect(page.getByTestId("latest-pipeline").getByTestId("report-quick")).toBeVisible();
    await expect(page.getByTestId("quick-report-note")).toContainText("last 14 days");
  });

  test("“Run the full pipeline” says what it runs and starts the full pipeline, not the quick subset", async ({ page, request }) => {
    test.setTimeout(180_000);
    await page.goto("/");
    const button = page.getByTestId("run-pipeline");
    await expect(page.getByTestId("pipeline-quick"), "quick is an explicit choice").not.toBeChecked();
    await expect(button).toHaveText(/^Run the full pipeline \(all [\d,]+ hypotheses × \d+ instruments, all stored data\)$/);
    await page.getByTestId("pipeline-quick").check();
    await expect(button, "ticking quick changes what the button says").toHaveText(/^Run a quick pipeline \(\d+ hypothes[ie]s, last 14 days\)$/);
    await page.getByTestId("pipeline-quick").uncheck();

    const posted = page.waitForRequest((r) => r.url().endsWith("/api/jobs") && r.method() === "POST");
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST");
    await button.click();
    expect((await posted).postDataJSON(), "the request asks for the full pipeline").toMatchObject({ kind: "pipeline", params: { mode: "full", quick: false } });
    const response = await answered;
    expect(response.status(), await response.text()).toBe(202);
    const { job } = (await response.json()) as { job: JobJson };
    expect((await getJob(request, job.id)).params, "the server stored the job as a full run").toMatchObject({ mode: "full", quick: false });

    // The full catalog takes minutes here: stop it so the server is free for the other tests.
    const cancel = await request.post(`/api/jobs/${job.id}/cancel`, { data: {}, headers: SAME_ORIGIN });
    expect([202, 409], await cancel.text()).toContain(cancel.status());
    await expect.poll(async () => (await getJob(request, job.id)).status, { timeout: 150_000, intervals: [1_000] }).toMatch(/cancelled|succeeded|failed/);
  });
});
