import { afterEach, describe, expect, it, vi } from "vitest";
import { createExchange } from "./create-exchange";
import { CredentialsDestinationError, ExchangeCredentialsError } from "./exchange-credentials";

/** Exchange keys come from the environment only: no option passes one in, and a half-set pair is refused by name. */
const KEY = "pk-planted-7Hq2Lm9Xw3Rt6Yb1Nc8Vd5Zs4Fg0";
const SECRET = "c2VjcmV0LXBsYW50ZWQ/Zm9yLXRoZS10ZXN0+PT0=";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("createExchange's credentials", () => {
  it("takes Kraken Futures' key pair from the environment", () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", SECRET);
    const kraken = createExchange();
    expect([kraken.apiKey, kraken.secret]).toEqual([KEY, SECRET]);
    const gemini = createExchange({ id: "gemini" });
    expect(gemini.apiKey, "the Kraken pair is Kraken's alone").toBeFalsy();
  });

  it("has no way to be handed a key", () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", "");
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", "");
    // @ts-expect-error keys are not an option
    const exchange = createExchange({ apiKey: KEY, secret: SECRET });
    expect(exchange.apiKey).toBeFalsy();
    expect(exchange.secret).toBeFalsy();
  });

  it("refuses half a pair, naming the variables and never a value", () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", "");
    expect(() => createExchange()).toThrow(ExchangeCredentialsError);
    expect(() => createExchange()).toThrow("KRAKEN_FUTURES_API_KEY is set but KRAKEN_FUTURES_API_SECRET is not");
    try {
      createExchange();
    } catch (error) {
      expect((error as Error).message).not.toContain(KEY);
    }
  });

  it("sends keys to an emulator on this machine only, never to a base URL elsewhere", () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", SECRET);
    expect(createExchange({ baseUrl: "http://127.0.0.1:4010" }).apiKey).toBe(KEY);
    for (const baseUrl of ["https://collector.example.com", "http://10.0.0.8:4010"]) {
      expect(() => createExchange({ baseUrl }), baseUrl).toThrow(CredentialsDestinationError);
      expect(() => createExchange({ baseUrl }), baseUrl).not.toThrow(KEY);
    }
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", "");
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", "");
    expect(createExchange({ baseUrl: "https://collector.example.com" }).apiKey, "market data without keys may go anywhere configured").toBeFalsy();
  });
});
