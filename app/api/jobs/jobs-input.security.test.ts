import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCandles } from "@/db/queries/candles";
import { createJob, getJob, listJobs } from "@/db/queries/jobs";
import { startKrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/body-limits";
import { JOB_KINDS, runQueuedJob, type JobKindName } from "@/lib/jobs/job-kinds";
import { PAPER_JOB_KIND } from "@/lib/jobs/paper/paper-job";
import nextConfig from "../../../next.config.js";
import { jsonPost, useRouteDatabase } from "../../../db/testing/route-database";
import { POST } from "./route";

const ROUTE = "http://127.0.0.1/api/jobs";
const MB = 1024 * 1024;
const fetchParams = { exchange: "krakenfutures", symbols: ["BTCUSDT.P"], timeframes: ["15m"], months: 1, funding: false };
const post = async (body: unknown, options: { chunked?: boolean } = {}) => {
  const response = await POST(jsonPost(ROUTE, body, options));
  return { status: response.status, body: (await response.json()) as { error: string; field?: string; job?: { id: string } } };
};

/** A server the attacker would like the dashboard to call: it only counts what reaches it. */
function startTarget(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests })));
}

/** Next's own default for proxyClientMaxBodySize (node_modules/next/dist/server/body-streams.js). */
const NEXT_DEFAULT_PROXY_BODY_BYTES = 10 * MB;

/**
 * The request as the route sees it behind proxy.ts: Next buffers the body up to next.config.js's
 * proxyClientMaxBodySize and silently drops the rest, headers unchanged.
 */
function throughProxy(body: string, { declared = true } = {}): Request {
  const limit = nextConfig.experimental?.proxyClientMaxBodySize ?? NEXT_DEFAULT_PROXY_BODY_BYTES;
  if (typeof limit !== "number") throw new Error("next.config.js gives proxyClientMaxBodySize in bytes");
  const bytes = Buffer.from(body);
  const length: Record<string, string> = declared ? { "content-length": String(bytes.length) } : {};
  return new Request(ROUTE, { method: "POST", headers: { "content-type": "application/json", ...length }, body: bytes.subarray(0, limit) });
}

/** A candle CSV of about `bytes` bytes, every line valid, so only its size decides. */
function candleCsv(bytes: number): string {
  const start = Date.UTC(2025, 0, 1);
  const line = (i: number) => `${start + i * 60_000},100.25,101.5,99.75,100.5,12.345`;
  const perLine = line(0).length + 1;
  return ["timestamp,open,high,low,close,volume", ...Array.from({ length: Math.floor(bytes / perLine) }, (_, i) => line(i))].join("\n");
}

const store = useRouteDatabase();
const jobCount = async () => (await listJobs(store().db, { limit: 1000 })).length;

describe("POST /api/jobs: no URL from a request reaches the network", () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await new Promise((resolve) => target?.server.close(resolve));
  });

  it("refuses a fetch job with a baseUrl (http or file) with 400 naming it, records nothing and calls nothing", async () => {
    for (const baseUrl of [target.url, "file:///etc/passwd"]) {
      const { status, body } = await post({ kind: "fetch", params: { ...fetchParams, baseUrl } });
      expect(status, baseUrl).toBe(400);
      expect(body.error).toContain("baseUrl");
    }
    expect(await listJobs(store().db, { kind: "fetch" }), "no job row").toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(target.requests, "the listener was never called").toEqual([]);
  });

  it("a worker refuses such params too: a job row carrying a baseUrl fails without a request", async () => {
    const params = { ...fetchParams, baseUrl: target.url };
    const job = await createJob(store().db, "fetch", params);
    // Raced against the first request, so code that does call out fails here at once instead of retrying for minutes.
    const called = new Promise<void>((resolve) => target.server.once("request", () => resolve()));
    await Promise.race([runQueuedJob(store(), { jobId: job.id, kind: "fetch", params }), called]);
    expect(target.requests, "the listener was never called").toEqual([]);
    expect(await getJob(store().db, job.id)).toMatchObject({ status: "failed", error: expect.stringContaining("baseUrl") });
  });

  it("a worker refuses unknown keys of the paper kind, which only /api/paper starts", async () => {
    const params = { accountId: "00000000-0000-4000-8000-000000000000", exchangeBaseUrl: target.url };
    const job = await createJob(store().db, PAPER_JOB_KIND, params);
    await runQueuedJob(store(), { jobId: job.id, kind: PAPER_JOB_KIND, params });
    expect(await getJob(store().db, job.id)).toMatchObject({ status: "failed", error: expect.stringContaining("exchangeBaseUrl") });
    expect(target.requests).toEqual([]);
  });

  it("refuses an unknown key in every kind's params and in the body itself, naming the key", async () => {
    const before = await jobCount();
    const valid: Record<JobKindName, Record<string, unknown>> = {
      generate: { symbols: ["BTCUSDT.P"] },
      import: { fileName: "f.csv", symbol: "BTCUSDT.P", kind: "funding", text: "timestamp,rate\n1735689600000,0.0001\n" },
      fetch: fetchParams,
      discovery: {},
      backtest: { symbols: ["BTCUSDT.P"] },
      pipeline: {},
      "research-loop": {},
    };
    for (const kind of JOB_KINDS) {
      const { status, body } = await post({ kind, params: { ...valid[kind], callbackUrl: "http://127.0.0.1:1/" } });
      expect(status, kind).toBe(400);
      expect(body.error, kind).toContain("callbackUrl");
    }
    const { status, body } = await post({ kind: "discovery", params: { quick: true }, webhook: "http://127.0.0.1:1/" });
    expect(status).toBe(400);
    expect(body.error).toContain("webhook");
    expect(await jobCount(), "nothing was recorded").toBe(before);
  });

  it("fetches only from the operator's EXCHANGE_BASE_URL", async () => {
    const now = Date.now();
    const emulator = await startKrakenFuturesEmulator({ seed: 3, candleStartMs: now - 40 * 86_400_000, candleEndMs: now });
    const saved = process.env.EXCHANGE_BASE_URL;
    process.env.EXCHANGE_BASE_URL = emulator.baseUrl;
    try {
      const job = await createJob(store().db, "fetch", fetchParams);
      await runQueuedJob(store(), { jobId: job.id, kind: "fetch", params: fetchParams });
      expect(await getJob(store().db, job.id)).toMatchObject({ status: "succeeded" });
      expect(emulator.requestCount("charts"), "candles came from the configured emulator").toBeGreaterThan(0);
      expect(await countCandles(store().db, "BTCUSDT.P", "15m")).toBeGreaterThan(2000);
    } finally {
      if (saved === undefined) delete process.env.EXCHANGE_BASE_URL;
      else process.env.EXCHANGE_BASE_URL = saved;
      await emulator.stop();
    }
  });
});

describe("POST /api/jobs: every field bounded", () => {
  it("refuses a fetch symbol that is not an instrument, naming symbols[0]", async () => {
    const { status, body } = await post({ kind: "fetch", params: { ...fetchParams, symbols: ["FOO"] } });
    expect(status).toBe(400);
    expect(body.field).toBe("symbols[0]");
  });

  it("refuses times outside 2010–2100 in every kind that takes one, naming the field and the range", async () => {
    const before = await jobCount();
    const cases = [
      { kind: "fetch", params: { ...fetchParams, fromMs: 9e15 }, field: "fromMs" },
      { kind: "generate", params: { symbols: ["BTCUSDT.P"], endMs: 9e15 }, field: "endMs" },
      { kind: "backtest", params: { symbols: ["BTCUSDT.P"], toMs: 9e15 }, field: "toMs" },
      { kind: "pipeline", params: { mode: "backtest", fromMs: -1 }, field: "fromMs" },
    ];
    for (const c of cases) {
      const { status, body } = await post({ kind: c.kind, params: c.params });
      expect(status, c.kind).toBe(400);
      expect(body.field, c.kind).toBe(c.field);
      expect(body.error, c.kind).toContain("2010-01-01 to 2100-01-01");
    }
    const { status, body } = await post({ kind: "generate", params: { symbols: ["BTCUSDT.P"], seed: 1e300 } });
    expect(status).toBe(400);
    expect(body.field).toBe("seed");
    expect(await jobCount(), "nothing was recorded").toBe(before);
  });
});

describe("POST /api/jobs: the import size limit", () => {
  const importBody = (text: string) => ({ kind: "import", params: { fileName: "big.csv", symbol: "BTCUSDT.P", kind: "candles", timeframe: "1m", text } });

  it("accepts an import body between 10 and 20 MB through the proxy (whose 10 MB default cut it short)", async () => {
    const body = JSON.stringify(importBody(candleCsv(15 * MB)));
    expect(Buffer.byteLength(body)).toBeGreaterThan(10 * MB);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_IMPORT_BODY_BYTES);
    const response = await POST(throughProxy(body));
    const answer = (await response.json()) as { error?: string };
    expect(answer.error).toBeUndefined();
    expect(response.status).toBe(202);
  });

  it("refuses a body just over the limit with 413 naming the limit in MB, declared or streamed", async () => {
    const body = JSON.stringify(importBody("x".repeat(MAX_IMPORT_BODY_BYTES)));
    for (const chunked of [false, true]) {
      const { status, body: answer } = await post(body, { chunked });
      expect(status, chunked ? "streamed" : "declared").toBe(413);
      expect(answer).toEqual({ error: `request body is larger than ${MAX_IMPORT_BODY_BYTES / MB} MB`, field: "text" });
    }
    // Sent without a length, it is cut by the proxy, and still arrives too large rather than as broken JSON.
    const cut = await POST(throughProxy(body, { declared: false }));
    expect(cut.status).toBe(413);
  });
});
