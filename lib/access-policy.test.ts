import { describe, expect, it } from "vitest";
import { assertBindAllowed, mayMutate } from "./access-policy";

const TOKEN = "a-long-enough-secret-token";

describe("access policy", () => {
  it("binds to loopback freely, elsewhere only with a token", () => {
    expect(() => assertBindAllowed("127.0.0.1", undefined)).not.toThrow();
    expect(() => assertBindAllowed("0.0.0.0", undefined)).toThrow(/HOST=0\.0\.0\.0 .* set ACCESS_TOKEN/);
    expect(() => assertBindAllowed("0.0.0.0", TOKEN)).not.toThrow();
  });

  it("requires the exact token for every mutating request once a token is set", () => {
    expect(mayMutate("POST", undefined, undefined), "no token configured: loopback-only use").toBe(true);
    expect(mayMutate("GET", TOKEN, undefined), "reads stay open").toBe(true);
    expect(mayMutate("POST", TOKEN, undefined)).toBe(false);
    expect(mayMutate("DELETE", TOKEN, "wrong")).toBe(false);
    expect(mayMutate("POST", TOKEN, `${TOKEN}x`)).toBe(false);
    expect(mayMutate("post", TOKEN, TOKEN)).toBe(true);
  });
});
