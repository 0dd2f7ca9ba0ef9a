import { expect, type APIRequestContext } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";

/** Starts a job through the API and waits for it to succeed (the paper page needs stored data and hypotheses first). */
export async function runJob(request: APIRequestContext, kind: string, params: unknown, timeout = 120_000): Promise<void> {
  const started = await request.post("/api/jobs", { data: { kind, params }, headers: SAME_ORIGIN });
  expect(started.status(), `${kind} job accepted`).toBe(202);
  const { job } = (await started.json()) as { job: { id: string } };
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status, { timeout, intervals: [500, 1000] })
    .toBe("succeeded");
}

/** Up to three 5m/15m hypotheses to paper-trade: a month of synthetic BTC and a quick discovery when none is stored yet. */
export async function paperHypotheses(request: APIRequestContext): Promise<{ id: string; name: string; timeframe: string }[]> {
  const read = async () => ((await (await request.get("/api/hypotheses")).json()) as { hypotheses: { id: string; name: string; timeframe: string }[] }).hypotheses;
  let hypotheses = await read();
  if (!hypotheses.some((h) => h.timeframe === "5m" || h.timeframe === "15m")) {
    await runJob(request, "generate", { months: 1, symbols: ["BTCUSDT.P"], seed: 7 });
    await runJob(request, "discovery", { quick: true });
    hypotheses = await read();
  }
  return hypotheses.filter((h) => h.timeframe === "5m" || h.timeframe === "15m").slice(0, 3);
}
