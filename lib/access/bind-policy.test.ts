import { describe, expect, it } from "vitest";
import { assertBindAllowed, assertListeningAllowed } from "./bind-policy";

const TOKEN = "a-long-enough-secret-token";

describe("bind policy", () => {
  it("binds to loopback freely, elsewhere only with a token", () => {
    expect(() => assertBindAllowed("127.0.0.1", undefined)).not.toThrow();
    expect(() => assertBindAllowed("localhost", undefined)).not.toThrow();
    expect(() => assertBindAllowed("0.0.0.0", undefined)).toThrow(/HOST=0\.0\.0\.0 .* set ACCESS_TOKEN/);
    expect(() => assertBindAllowed("0.0.0.0", TOKEN)).not.toThrow();
  });

  it("refuses names a reverse proxy would forward (ALLOWED_HOSTS) without a token", () => {
    expect(() => assertBindAllowed("127.0.0.1", undefined, ["lab.example.com"])).toThrow(/ALLOWED_HOSTS=lab\.example\.com .* set ACCESS_TOKEN/);
    expect(() => assertBindAllowed("127.0.0.1", TOKEN, ["lab.example.com"])).not.toThrow();
  });

  it("refuses a server already listening on every interface without a token, as next start does", () => {
    expect(() => assertListeningAllowed(["::"], undefined)).toThrow(/listening on :: \(every interface\).*ACCESS_TOKEN/);
    expect(() => assertListeningAllowed(["0.0.0.0"], undefined)).toThrow(/every interface/);
    expect(() => assertListeningAllowed(["192.168.1.5"], undefined)).toThrow(/192\.168\.1\.5/);
    expect(() => assertListeningAllowed(["127.0.0.1", "::1"], undefined)).not.toThrow();
    expect(() => assertListeningAllowed(["::"], TOKEN)).not.toThrow();
  });
});
