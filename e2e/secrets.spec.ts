import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SECTIONS } from "../components/layout/section-links";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "../lib/exchange/testing/kraken-futures-emulator";
import { SAME_ORIGIN } from "./e2e-origin";
import { plantedIn, tablesHoldingPlanted } from "./planted-scan";
import { E2E_DATA_DIR } from "./playwright.config";
import { E2E_SERVER_LOG, PLANTED_API_KEY, PLANTED_API_SECRET, PLANTED_EXCHANGE_PORT } from "./planted-secrets";

/**
 * Plant a fake key, find it nowhere. The server runs with fake Kraken Futures keys in its environment and its exchange
 * pointed at an emulator that answers candle requests with a 502 page quoting both (as real exchanges and proxies
 * echo a request). A fetch job fails on it; then neither value may appear in the server's output, any job row or log
 * line, the database, any API answer, any page, or the browser bundles, while the job's error still says what
 * happened (status and size).
 */
const root = path.resolve(import.meta.dirname, "..");
const JSON_POST = { "content-type": "application/json", ...SAME_ORIGIN };
const TAIL = "END-OF-THE-FOREIGN-BODY";

function expectClean(where: string, text: string): void {
  expect(plantedIn(text), `${where} holds a planted secret`).toEqual([]);
}

/** A 502 page of ~300 KB from an upstream that quotes our request's key and secret at its start. */
function quotingPage(): string {
  const head = `<html><body><pre>APIKey: ${PLANTED_API_KEY}\nsecret=${encodeURIComponent(PLANTED_API_SECRET)} ${PLANTED_API_SECRET}</pre><h1>502 Bad Gateway</h1>`;
  return `${head}${"<p>upstream connect error or disconnect/reset before headers</p>\n".repeat(5_000)}${TAIL}</body></html>`;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every GET route of the API, with ids taken from the lists (so dynamic routes answer with data when there is some). */
async function everyApiAnswer(request: APIRequestContext): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  const get = async <T>(url: string): Promise<T | undefined> => {
    const text = await (await request.get(url)).text();
    answers.set(url, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  };
  const now = Date.now();
  for (const url of ["/api/health", "/api/hypotheses", "/api/reports/edge", "/api/reports/final", "/api/jobs/not-a-uuid"]) await get(url);
  await get(`/api/market/candles?symbol=BTCUSDT.P&timeframe=5m&from=${now - 86_400_000}&to=${now}`);
  const jobs = (await get<{ jobs: { id: string }[] }>("/api/jobs?limit=200"))?.jobs ?? [];
  for (const { id } of jobs) await get(`/api/jobs/${id}`);
  const batches = (await get<{ batches: { runs: { id: string }[] }[] }>("/api/backtests?limit=100"))?.batches ?? [];
  const runId = batches.flatMap((b) => b.runs)[0]?.id;
  if (runId) for (const url of [`/api/backtests/runs/${runId}`, `/api/backtests/runs/${runId}/trades`]) await get(url);
  const accounts = (await get<{ accounts: { id: string }[] }>("/api/paper"))?.accounts ?? [];
  for (const { id } of accounts) {
    for (const url of [`/api/paper/${id}`, `/api/paper/${id}/comparison`, `/api/paper/${id}/candles?symbol=BTCUSDT.P&timeframe=5m`]) await get(url);
  }
  // Live accounts' monitors, whenever some exist (live.spec.ts checks its trader's own rows and answers itself).
  const live = (await get<{ accounts: { id: string }[] }>("/api/live"))?.accounts ?? [];
  for (const { id } of live) await get(`/api/live/${id}`);
  return answers;
}

/** A page as the browser gets it: its final HTML and the text of every response it loaded (documents, RSC, API, JS). */
async function pageAsDelivered(page: Page, href: string): Promise<string[]> {
  const bodies: Promise<string>[] = [];
  const collect = (response: { url(): string; text(): Promise<string> }) => void bodies.push(response.text().then((t) => `${response.url()}\n${t}`, () => ""));
  page.on("response", collect);
  await page.goto(href, { waitUntil: "load" });
  // the jobs panel and monitors poll: give them a round
  await page.waitForTimeout(2_500);
  page.off("response", collect);
  return [await page.content(), ...(await Promise.all(bodies))];
}

test.describe("secrets in the environment", () => {
  test.describe.configure({ timeout: 240_000 });
  let emulator: KrakenFuturesEmulator;

  test.beforeAll(async () => {
    emulator = await startKrakenFuturesEmulator({ port: PLANTED_EXCHANGE_PORT, candleStartMs: Date.now() - 40 * 86_400_000, candleEndMs: Date.now() });
    emulator.inject({ fault: "custom-body", endpoint: "charts", status: 502, body: quotingPage(), times: Infinity });
  });
  test.afterAll(async () => {
    await emulator?.stop();
  });

  test("a key pasted into a job's field is refused without being repeated, and nothing is recorded", async ({ request }) => {
    const label = `my key ${PLANTED_API_KEY}`;
    const refused = await request.post("/api/jobs", { data: { kind: "backtest", params: { label, symbols: ["BTCUSDT.P"] } }, headers: JSON_POST });
    const text = await refused.text();
    expect(refused.status(), text).toBe(422);
    expect(JSON.parse(text)).toMatchObject({ field: "label", error: expect.stringContaining("holds the value of KRAKEN_FUTURES_API_KEY") });
    expectClean("the refusal", text);
    expectClean("the job list", await (await request.get("/api/jobs?limit=200&kind=backtest")).text());
  });

  test("a fetch failing on a body that quotes the key leaves it nowhere, and its error still says what happened", async ({ request, page }) => {
    const started = await request.post("/api/jobs", {
      data: { kind: "fetch", params: { exchange: "krakenfutures", symbols: ["BTCUSDT.P"], timeframes: ["5m"], months: 1, funding: false } },
      headers: JSON_POST,
    });
    expect(started.status(), await started.text()).toBe(202);
    expectClean("the start answer", await started.text());
    const { job } = (await started.json()) as { job: { id: string } };
    await expect
      .poll(async () => ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status, { timeout: 120_000, intervals: [1_000] })
      .toBe("failed");
    expect(emulator.requestCount("charts"), "the server asked the emulator, and retried").toBeGreaterThan(1);

    const detail = (await (await request.get(`/api/jobs/${job.id}`)).json()) as { job: { error: string }; logs: { message: string }[] };
    const size = Buffer.byteLength(quotingPage()).toLocaleString("en-US");
    expect(detail.job.error, "status and size, enough to act on").toContain(`answered 502 (${size} bytes)`);
    expect(detail.job.error).toContain("[redacted KRAKEN_FUTURES_API_KEY]");
    expect(detail.job.error).not.toContain(TAIL);
    expect(detail.logs.some((l) => l.message.startsWith("retrying")), "retries were logged").toBe(true);
    for (const line of [detail.job.error, ...detail.logs.map((l) => l.message)]) expect(line.length, "no whole foreign body").toBeLessThan(1_000);
    expectClean("the job and its log lines", JSON.stringify(detail));

    for (const [url, answer] of await everyApiAnswer(request)) expectClean(`GET ${url}`, answer);
    for (const section of SECTIONS) {
      for (const [i, delivered] of (await pageAsDelivered(page, section.href)).entries()) expectClean(`page ${section.href} (response ${i})`, delivered);
    }
    expect(await tablesHoldingPlanted(), "tables holding a planted secret").toEqual([]);

    const bundles = [...filesUnder(path.join(root, ".next", "static")), ...filesUnder(path.join(root, ".next", "server", "app")).filter((f) => /\.(html|rsc|body|meta)$/.test(f))];
    expect(bundles.length, "the build is there to search").toBeGreaterThan(0);
    for (const file of bundles) expectClean(path.relative(root, file), readFileSync(file).toString("latin1"));

    const serverLog = readFileSync(path.join(root, E2E_SERVER_LOG), "utf8");
    expect(serverLog, "the log captures the server's own output").toContain("store: ");
    expectClean("the server's stdout and stderr", serverLog);
    const storeLog = path.join(root, E2E_DATA_DIR, "postgres", "server.log");
    if (existsSync(storeLog)) expectClean("the embedded PostgreSQL's log", readFileSync(storeLog, "utf8"));
  });
});
