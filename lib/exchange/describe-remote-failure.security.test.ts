import { afterEach, describe, expect, it, vi } from "vitest";
import { bodyExcerpt, causeText, describeRemoteFailure, EXCERPT_CHARS } from "./describe-remote-failure";
import { FetchFailedError, MalformedPageError } from "./errors";

const URL_WITH_QUERY = "https://futures.kraken.com/api/charts/v1/trade/PF_XBTUSD/5m?from=1735689600&to=1736294400&sig=c2lnbmF0dXJl";
const KEY = "pk-live-9f3Kq2mZx7Lw4Nv8Rt1Yb6Hc0Ds5Ej";

/** A proxy's error page of about 1 MB, with a marker at its very end. */
function megabyteOfHtml(): string {
  const head = '<!DOCTYPE html>\n<html>\n  <head><title>502 "Bad Gateway"</title></head>\n  <body>\u001b[2J\u001b[31mfake log line\r\n';
  return `${head}${"<p>upstream timed out</p>\n".repeat(40_000)}END-OF-FOREIGN-BODY</body></html>`;
}

/** The text between the quotes of the excerpt in a description (escaped quotes kept), without the cut mark. */
function quoted(description: string): string {
  const match = /: "((?:[^"\\]|\\.)*)"$/.exec(description);
  if (!match) throw new Error(`no quoted excerpt in ${description}`);
  return (match[1] ?? "").replace(/…$/, "");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("describeRemoteFailure", () => {
  it("gives a 1 MB HTML body as status, size and a short escaped excerpt, without the query string", () => {
    const body = megabyteOfHtml();
    const bytes = Buffer.byteLength(body);
    expect(bytes).toBeGreaterThan(1_000_000);
    const text = describeRemoteFailure({ exchange: "krakenfutures", method: "GET", url: URL_WITH_QUERY, status: 502, body });
    expect(text.startsWith(`krakenfutures GET /api/charts/v1/trade/PF_XBTUSD/5m answered 502 (${bytes.toLocaleString("en-US")} bytes): "<!DOCTYPE html> <html> <head><title>502 \\"Bad Gateway\\"</title>`)).toBe(true);
    expect(quoted(text).length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(text.length).toBeLessThan(250);
    expect(text).not.toContain("from=");
    expect(text).not.toContain("sig=");
    expect(text).not.toContain("END-OF-FOREIGN-BODY");
    expect(text, "no terminal escape or carriage return gets through").not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(text).toContain("\\u001b[2J");
  });

  it("says when a 2xx body is not JSON, and that a body was empty", () => {
    expect(describeRemoteFailure({ exchange: "gemini", method: "GET", url: "https://api.gemini.com/v2/candles/btcgusdperp/5m", status: 200, body: "<html>maintenance</html>", problem: "with a body that is not JSON" })).toBe(
      'gemini GET /v2/candles/btcgusdperp/5m answered 200 with a body that is not JSON (24 bytes): "<html>maintenance</html>"',
    );
    expect(describeRemoteFailure({ exchange: "krakenfutures", method: "GET", url: URL_WITH_QUERY, status: 503, body: "" })).toBe("krakenfutures GET /api/charts/v1/trade/PF_XBTUSD/5m answered 503 (0 bytes)");
  });

  it("redacts a key the body quotes, even one that straddles the excerpt's end", () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
    const straddling = `${"x".repeat(EXCERPT_CHARS - 10)} ${KEY} rest`;
    const excerpt = bodyExcerpt(straddling);
    expect(excerpt).not.toContain(KEY.slice(0, 9));
    expect(excerpt).toContain("[redacted");
    expect(describeRemoteFailure({ exchange: "krakenfutures", method: "GET", url: URL_WITH_QUERY, status: 401, body: `{"error":"apiKey ${KEY} is not valid"}` })).toContain(
      '"{\\"error\\":\\"apiKey [redacted KRAKEN_FUTURES_API_KEY] is not valid\\"}"',
    );
  });
});

describe("errors that repeat a remote failure", () => {
  it("FetchFailedError bounds a cause it did not describe itself", () => {
    const cause = new Error(`proxy said: ${megabyteOfHtml()}`);
    const error = new FetchFailedError({ exchange: "krakenfutures", what: "candles", symbol: "BTCUSDT.P", timeframe: "5m" }, 5, true, cause);
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).not.toContain("END-OF-FOREIGN-BODY");
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(causeText(cause).length).toBeLessThanOrEqual(401);
  });

  it("MalformedPageError shows the start of a row, not a whole page that came back as one", () => {
    const page = { html: megabyteOfHtml() };
    const error = new MalformedPageError({ exchange: "krakenfutures", what: "candles", symbol: "BTCUSDT.P", timeframe: "5m" }, -1, page, "page is not a list");
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).not.toContain("END-OF-FOREIGN-BODY");
  });
});
