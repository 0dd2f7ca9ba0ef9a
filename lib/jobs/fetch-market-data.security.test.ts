import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase } from "@/db/testing/test-databases";
import { createExchange } from "@/lib/exchange/create-exchange";
import { EXCERPT_CHARS } from "@/lib/exchange/describe-remote-failure";
import { fetchCandles } from "@/lib/exchange/fetch-candles";
import { MemoryCandleSink } from "@/lib/exchange/memory-candle-sink";
import { instantRetry } from "@/lib/exchange/testing/instant-retry";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { fetchMarketData, type FetchParams } from "./fetch-market-data";

/**
 * A remote server's body never comes back whole: a fetch failing on a 5xx page, a 2xx that is not JSON, an error
 * JSON or an unexpected status says status, size and a short excerpt in its error and in every retry log line.
 */
const START = Date.UTC(2025, 0, 1);
const NOW = START + 86_400_000;
const KEY = "pk-planted-7Hq2Lm9Xw3Rt6Yb1Nc8Vd5Zs4Fg0";
const SECRET = "c2VjcmV0LXBsYW50ZWQ/Zm9yLXRoZS10ZXN0+PT0=";
const TAIL = "END-OF-FOREIGN-BODY";
const noProgress = async () => {};

/** An upstream error page of about 1 MB that quotes our key near its start, as exchanges and proxies do. */
const bigPage = () => `<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1><p>request apiKey=${KEY}</p>\r\n${"<p>upstream timed out</p>\n".repeat(40_000)}${TAIL}</body></html>`;

/** The quoted excerpt of a description in `text`, without its cut mark. */
function excerptOf(text: string): string {
  const match = /\): "((?:[^"\\]|\\.)*)"/.exec(text);
  if (!match) throw new Error(`no excerpt in: ${text}`);
  return (match[1] ?? "").replace(/…$/, "");
}

function expectBounded(text: string): void {
  expect(text).not.toContain(TAIL);
  expect(text).not.toContain(KEY);
  expect(text).not.toContain("from=");
  expect(text, "no raw control characters").not.toMatch(/[\u0000-\u001f]/);
  expect(excerptOf(text).length).toBeLessThanOrEqual(EXCERPT_CHARS);
  expect(text.length).toBeLessThan(700);
}

describe("a fetch failing on a foreign body (Kraken Futures emulator)", () => {
  let emulator: KrakenFuturesEmulator;
  let store: DatabaseHandle;
  beforeAll(async () => {
    emulator = await startKrakenFuturesEmulator({ seed: 3, candleStartMs: START, candleEndMs: NOW });
    store = await openTestDatabase();
  });
  beforeEach(() => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", SECRET);
  });
  afterEach(() => {
    emulator.clearFaults();
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    await emulator?.stop();
    await store?.close();
  });

  const params: FetchParams = { exchange: "krakenfutures", symbols: ["BTCUSDT.P"], timeframes: ["5m"], months: 1, fromMs: START, funding: false };
  const run = async (maxAttempts: number) => {
    const logs: string[] = [];
    // the emulator is the operator's setting (EXCHANGE_BASE_URL), an option of the fetch, never a job parameter
    const onEmulator = { exchangeBaseUrl: emulator.baseUrl, nowMs: NOW, rateLimitMs: 1 };
    const failure = await fetchMarketData(store.db, params, noProgress, { ...onEmulator, retry: instantRetry({ maxAttempts }), log: async (m) => void logs.push(m) }).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    return { failure, retries: logs.filter((l) => l.startsWith("retrying")) };
  };

  it("5xx HTML page of 1 MB: the error and each retry line give status, size and a ≤120-character excerpt", async () => {
    const body = bigPage();
    emulator.inject({ fault: "custom-body", endpoint: "charts", status: 502, body, times: Infinity });
    const { failure, retries } = await run(3);
    expect(failure?.message).toMatch(/gave up after 3 attempts/);
    const size = `(${Buffer.byteLength(body).toLocaleString("en-US")} bytes)`;
    expect(failure?.message).toContain(`krakenfutures GET /api/charts/v1/trade/PF_XBTUSD/5m answered 502 ${size}: "<!DOCTYPE html> <html><body><h1>502 Bad Gateway</h1>`);
    expect(failure?.message).toContain("apiKey=[redacted KRAKEN_FUTURES_API_KEY]");
    expectBounded(failure?.message ?? "");
    expect(retries).toHaveLength(2);
    for (const line of retries) {
      expect(line).toContain(`answered 502 ${size}`);
      expectBounded(line);
    }
  });

  it("a 2xx body that is not JSON: named as such, bounded the same way", async () => {
    emulator.inject({ fault: "custom-body", endpoint: "charts", status: 200, body: bigPage(), times: Infinity });
    const { failure, retries } = await run(5);
    expect(failure?.message).toContain("answered 200 with a body that is not JSON");
    expectBounded(failure?.message ?? "");
    for (const line of retries) expectBounded(line);
  });

  it("an error JSON ccxt's own handler reads (its message would hold the whole body)", async () => {
    const body = JSON.stringify({ result: "error", error: `invalidArgument: ${KEY} ${"x".repeat(200_000)}${TAIL}`, serverTime: "2025-01-01T00:00:00Z" });
    emulator.inject({ fault: "custom-body", endpoint: "charts", status: 400, body, contentType: "application/json", times: Infinity });
    const { failure } = await run(3);
    expect(failure?.message).toContain("answered 400");
    expect(failure?.message).toContain('"{\\"result\\":\\"error\\",\\"error\\":\\"invalidArgument: [redacted KRAKEN_FUTURES_API_KEY]');
    expectBounded(failure?.message ?? "");
  });

  it("a status ccxt has no error for fails the fetch instead of reading as 'no candles'", async () => {
    emulator.inject({ fault: "custom-body", endpoint: "charts", status: 302, body: "<html>moved</html>", times: Infinity });
    const { failure } = await run(3);
    expect(failure?.message).toContain('answered 302 (18 bytes): "<html>moved</html>"');
  });

  it("a timeout names the request by its path, not its query", async () => {
    emulator.inject({ fault: "stall", endpoint: "charts", times: Infinity });
    const exchange = createExchange({ baseUrl: emulator.baseUrl, rateLimitMs: 1, timeoutMs: 200 });
    const failure = await fetchCandles({ exchange, symbol: "BTCUSDT.P", timeframe: "5m", sinceMs: START, sink: new MemoryCandleSink(), now: () => NOW, retry: instantRetry({ maxAttempts: 2 }) }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toContain("krakenfutures GET /api/charts/v1/trade/PF_XBTUSD/5m request timed out");
    expect(failure?.message).not.toContain("from=");
    expect(failure?.message).not.toContain(emulator.baseUrl);
  });
});
