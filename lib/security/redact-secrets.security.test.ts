import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { redactUrl } from "@/db/client";
import { runningEmbeddedServer } from "@/db/embedded/embedded-server";
import { installOutputRedaction } from "./install-output-redaction";
import { findSecret, redactJson, redactSecrets } from "./redact-secrets";
import { assertNoSecrets, SecretInInputError } from "./secret-in-input";

const KEY = "pk-live-9f3Kq2mZx7Lw4Nv8Rt1Yb6Hc0Ds5Ej";
const SECRET = "Zm9vYmFy/c2VjcmV0+S2V5PT0=QmFzZTY0U2VjcmV0";
const TOKEN = "correct-horse-battery-staple-77";
const DB_PASSWORD = "p@ss/w0rd#Xy9";

function plant(): void {
  vi.stubEnv("KRAKEN_FUTURES_API_KEY", KEY);
  vi.stubEnv("KRAKEN_FUTURES_API_SECRET", SECRET);
  vi.stubEnv("ACCESS_TOKEN", TOKEN);
  vi.stubEnv("DATABASE_URL", `postgres://lab:${encodeURIComponent(DB_PASSWORD)}@db.internal:5432/perp`);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("redactSecrets", () => {
  it("replaces each secret of the environment with its name", () => {
    plant();
    const text = `key=${KEY} secret=${SECRET} token=${TOKEN} password=${DB_PASSWORD}`;
    expect(redactSecrets(text)).toBe(
      "key=[redacted KRAKEN_FUTURES_API_KEY] secret=[redacted KRAKEN_FUTURES_API_SECRET] token=[redacted ACCESS_TOKEN] password=[redacted DATABASE_URL password]",
    );
  });

  it("replaces the alert webhook's URL: its path or query is the hook's credential", () => {
    const hook = "https://hooks.example.com/services/T000/B000/XXXXwebhooktoken1234";
    vi.stubEnv("ALERT_WEBHOOK_URL", hook);
    expect(redactSecrets(`posting to ${hook} failed`)).toBe("posting to [redacted ALERT_WEBHOOK_URL] failed");
  });

  it("finds a secret percent-encoded (a query string) and JSON-escaped", () => {
    plant();
    const query = `https://futures.kraken.com/api?secret=${encodeURIComponent(SECRET)}&pw=${encodeURIComponent(DB_PASSWORD)}`;
    expect(redactSecrets(query)).toBe("https://futures.kraken.com/api?secret=[redacted KRAKEN_FUTURES_API_SECRET]&pw=[redacted DATABASE_URL password]");
    const json = JSON.stringify({ quoted: `he said "${KEY}"` });
    expect(redactSecrets(json)).not.toContain(KEY);
  });

  it("replaces the embedded store's password once the process has read it", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "pel-secrets-"));
    try {
      const password = "eMbEdDeD-store-pw-4242";
      writeFileSync(path.join(dataDir, "embedded-postgres.json"), JSON.stringify({ password, port: 1 }));
      expect(redactSecrets(`pw ${password}`), "unknown before it is read").toBe(`pw ${password}`);
      // every process reaching the store reads its credentials (here: finding no server running)
      expect(await runningEmbeddedServer(dataDir)).toBeUndefined();
      expect(redactSecrets(`pw ${password}`)).toBe("pw [redacted embedded store password]");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("removes the password of any scheme://user:password@host URL, one holding @ included", () => {
    expect(redactSecrets("postgres://postgres:p@ssw0rd@db:5432/x and amqp://u:pw12@q")).toBe("postgres://postgres:[redacted]@db:5432/x and amqp://u:[redacted]@q");
    expect(redactSecrets("postgres://postgres:p@ss/w0rd@host/db"), "an unescaped / inside the password").toBe("postgres://postgres:[redacted]@host/db");
    expect(redactSecrets('{"url":"postgresql://a:b:c@[::1]:5433/d"}')).toBe('{"url":"postgresql://a:[redacted]@[::1]:5433/d"}');
    expect(redactSecrets("https://example.com/users/x and postgres://nopass@host/db"), "no password, nothing to hide").toBe("https://example.com/users/x and postgres://nopass@host/db");
  });

  it("db/client's redactUrl agrees: no part of a password with @ survives", () => {
    const shown = redactUrl("postgres://postgres:p@ss/w0rd@host:5432/db");
    expect(shown).toBe("postgres://postgres:[redacted]@host:5432/db");
    expect(shown).not.toMatch(/ss|w0rd/);
    expect(redactUrl("postgres://postgres:p@ssw0rd@host/db")).toBe("postgres://postgres:[redacted]@host/db");
  });

  it("leaves text alone for empty, blank or short values: they would garble every line", () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", "");
    vi.stubEnv("KRAKEN_FUTURES_API_SECRET", "   ");
    vi.stubEnv("ACCESS_TOKEN", "abc");
    vi.stubEnv("DATABASE_URL", "postgres://postgres:pg@localhost/db");
    const text = "a backtest of abc on 5m candles: 42 trades, pg ok";
    expect(redactSecrets(text)).toBe(text);
    expect(findSecret(text)).toBeUndefined();
  });

  it("redacts every string of a JSON value, nested ones too", () => {
    plant();
    expect(redactJson({ a: [{ b: `x ${KEY}` }], n: 3, ok: true, none: null })).toEqual({ a: [{ b: "x [redacted KRAKEN_FUTURES_API_KEY]" }], n: 3, ok: true, none: null });
  });
});

describe("input holding a secret", () => {
  it("is refused naming the field and the secret, never repeating the value", () => {
    plant();
    const attempt = () => assertNoSecrets({ exchange: "krakenfutures", symbols: ["BTCUSDT.P", `  ${KEY} `] });
    expect(attempt).toThrow(SecretInInputError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: "SECRET_IN_INPUT", field: "symbols[1]", secretName: "KRAKEN_FUTURES_API_KEY" });
      expect((error as Error).message).toMatch(/^symbols\[1\] holds the value of KRAKEN_FUTURES_API_KEY/);
      expect((error as Error).message).not.toContain(KEY);
    }
    expect(() => assertNoSecrets({ symbols: ["BTCUSDT.P"], months: 6 })).not.toThrow();
  });
});

describe("installOutputRedaction", () => {
  it("redacts what is written to a stream, strings and bytes, once however often it is installed", () => {
    plant();
    const written: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString("utf8"));
        done();
      },
    });
    installOutputRedaction([stream]);
    installOutputRedaction([stream]);
    stream.write(`key ${KEY}\n`);
    stream.write(Buffer.from(`token ${TOKEN}\n`));
    stream.write("plain\n", "utf8");
    expect(written).toEqual(["key [redacted KRAKEN_FUTURES_API_KEY]\n", "token [redacted ACCESS_TOKEN]\n", "plain\n"]);
  });
});
