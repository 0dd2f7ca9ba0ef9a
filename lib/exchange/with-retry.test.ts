import { AuthenticationError, BadResponse, DDoSProtection, ExchangeNotAvailable, NetworkError, RateLimitExceeded, RequestTimeout } from "ccxt";
import { describe, expect, it } from "vitest";
import { FetchFailedError, type FetchTarget } from "./errors";
import { instantRetry } from "./testing/instant-retry";
import { classifyFailure, withRetry } from "./with-retry";

const TARGET: FetchTarget = { exchange: "krakenfutures", what: "candles", symbol: "ETHUSDT.P", timeframe: "15m", sinceMs: Date.UTC(2024, 4, 1) };

/** An operation failing with the given errors in turn, then answering "ok". */
function failing(...errors: unknown[]) {
  let calls = 0;
  const operation = async () => {
    const error = errors[calls++];
    if (error !== undefined) throw error;
    return "ok";
  };
  return { operation, calls: () => calls };
}

describe("withRetry", () => {
  it("retries transient ccxt errors with exponentially growing, fully jittered delays", async () => {
    const retry = instantRetry({ baseDelayMs: 100, maxDelayMs: 350, random: () => 0.999 });
    const op = failing(new RateLimitExceeded("429"), new DDoSProtection("429"), new ExchangeNotAvailable("503"), new RequestTimeout("slow"));
    await expect(withRetry(TARGET, op.operation, retry)).resolves.toBe("ok");
    expect(op.calls()).toBe(5);
    expect(retry.sleeps.map(Math.round)).toEqual([100, 200, 350, 350]);
  });

  it("draws each delay uniformly below the ceiling (full jitter)", async () => {
    const draws = [0, 0.25];
    const retry = instantRetry({ baseDelayMs: 100, random: () => draws.shift() ?? 0 });
    await withRetry(TARGET, failing(new NetworkError("x"), new NetworkError("y")).operation, retry);
    expect(retry.sleeps).toEqual([0, 50]);
  });

  it("treats a socket cut mid-body (undici, outside ccxt's wrapping) as transient", () => {
    expect(classifyFailure(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }))).toBe("transient");
    expect(classifyFailure(new TypeError("terminated", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }))).toBe("transient");
    expect(classifyFailure(new TypeError("boom"))).toBe("permanent");
  });

  it("gives up after maxAttempts with a message naming the target and the last cause", async () => {
    const retry = instantRetry({ maxAttempts: 3 });
    const last = new ExchangeNotAvailable("krakenfutures 502 Bad Gateway");
    const op = failing(new ExchangeNotAvailable("a"), new ExchangeNotAvailable("b"), last);
    const error = await withRetry(TARGET, op.operation, retry).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchFailedError);
    expect(error).toMatchObject({ code: "EXCHANGE_FETCH_FAILED", attempts: 3, retryable: true, cause: last, target: TARGET });
    expect((error as Error).message).toBe(
      "Fetching ETHUSDT.P 15m candles from krakenfutures since 2024-05-01T00:00:00.000Z gave up after 3 attempts: krakenfutures 502 Bad Gateway",
    );
    expect(retry.sleeps).toHaveLength(2);
  });

  it("does not retry a permanent error", async () => {
    const op = failing(new AuthenticationError("bad key"));
    const error = await withRetry(TARGET, op.operation, instantRetry()).catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 1, retryable: false });
    expect((error as Error).message).toContain("non-retryable error (attempt 1): bad key");
    expect(op.calls()).toBe(1);
  });

  it("bounds retries of malformed bodies separately", async () => {
    const op = failing(new BadResponse("1"), new NetworkError("2"), new BadResponse("3"), new BadResponse("4"));
    const error = await withRetry(TARGET, op.operation, instantRetry({ maxMalformedAttempts: 3 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ attempts: 4, retryable: true });
    expect((error as Error).message).toContain(": 4");
  });

  it("reports every retry and stops on abort", async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const op = failing(new NetworkError("a"), new NetworkError("b"), new NetworkError("c"));
    const retry = instantRetry({
      signal: controller.signal,
      onRetry: (e) => {
        events.push(`${e.attempt}:${e.kind}`);
        if (e.attempt === 2) controller.abort(new Error("stopped"));
      },
    });
    await expect(withRetry(TARGET, op.operation, retry)).rejects.toThrow("stopped");
    expect(events).toEqual(["1:transient", "2:transient"]);
    expect(op.calls()).toBe(2);
  });
});
