import { afterEach, describe, expect, it, vi } from "vitest";
import { errorResponse, HttpError } from "./error-response";

/** API error answers and the server's log line for an unexpected error never hold a secret. */
const KEY = "pk-planted-7Hq2Lm9Xw3Rt6Yb1Nc8Vd5Zs4Fg0";
const TOKEN = "planted-access-token-0123456789";

class ExchangeSaid extends Error {
  readonly code = "EXCHANGE_FETCH_FAILED";
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("errorResponse", () => {
  it("redacts domain and HTTP errors' messages", async () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
    const domain = errorResponse(new ExchangeSaid(`krakenfutures answered 401: "apiKey ${KEY} unknown"`));
    expect(domain.status).toBe(502);
    expect(await domain.json()).toEqual({ error: 'krakenfutures answered 401: "apiKey [redacted KRAKEN_FUTURES_API_KEY] unknown"' });
    const http = errorResponse(new HttpError(400, `no such job ${KEY}`, "id"));
    expect(await http.json()).toEqual({ error: "no such job [redacted KRAKEN_FUTURES_API_KEY]", field: "id" });
  });

  it("logs an unexpected error redacted, stack and causes included", async () => {
    vi.stubEnv("ACCESS_TOKEN", TOKEN);
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    const error = new Error("query failed", { cause: new Error(`connect postgres://app:s3cretpass@db:5432/x with ${TOKEN}`) });
    const response = errorResponse(error);
    expect(response.status).toBe(500);
    const line = logged.map((args) => args.map(String).join(" ")).join("\n");
    expect(line).toContain("unexpected error in a route handler: Error: query failed");
    expect(line).toContain("postgres://app:[redacted]@db:5432/x with [redacted ACCESS_TOKEN]");
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain("s3cretpass");
  });
});
