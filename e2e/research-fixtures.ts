import { expect, type APIRequestContext, type Locator } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";

/** The data the research pages read comes from the real pipeline (quick, on the synthetic market), run once per server. */
export async function ensurePipeline(request: APIRequestContext): Promise<void> {
  const existing = (await (await request.get("/api/reports/final")).json()) as { report: unknown };
  if (existing.report) return;
  const started = await request.post("/api/jobs", { data: { kind: "pipeline", params: { mode: "full", noFetch: true, quick: true } }, headers: SAME_ORIGIN });
  expect(started.status(), await started.text()).toBe(202);
  const { job } = (await started.json()) as { job: { id: string } };
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status, { timeout: 280_000, intervals: [2_000] })
    .toBe("succeeded");
}

/** How many distinct colours a sample of the element's canvases holds: a blank chart has one or two. */
export async function canvasColours(container: Locator): Promise<number> {
  return container.evaluate((el) => {
    let best = 0;
    for (const canvas of Array.from(el.querySelectorAll("canvas"))) {
      const ctx = canvas.getContext("2d");
      if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 31) if ((data[i + 3] ?? 0) > 0) colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
      best = Math.max(best, colours.size);
    }
    return best;
  });
}
