import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "@/lib/config";
import type { Alert } from "./alert";
import { postAlert } from "./post-alert";

/** Planted in the hook's path and query, as Slack and Discord put theirs: it must never come back out. */
const TOKEN = "hook-token-Zq81vX4kPw";
const ALERT: Alert = { accountId: "acc-7", kind: "missing-stop", message: "the stop for entry e1 was refused", time: 1_764_000_000_000 };

interface Hook {
  url: string;
  bodies: unknown[];
}

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local webhook on a random port; `answer` says what the nth request (1-based) gets, "hang" for no answer. */
async function startHook(answer: (n: number) => number | "hang"): Promise<Hook> {
  const bodies: unknown[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      bodies.push(JSON.parse(raw));
      const status = answer(bodies.length);
      if (status !== "hang") res.writeHead(status).end("ok");
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/${TOKEN}?key=${TOKEN}`, bodies };
}

/** A webhook URL where nothing listens: a port just given up by a local server. */
async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/hooks/${TOKEN}?key=${TOKEN}`;
}

/** The configuration as the file sets it, so the schema's checks run on the URL. */
function configWith(webhookUrl: string, timeoutMs = 5000) {
  return loadConfig({ file: { path: "perp-edge.config.json", content: JSON.stringify({ alerts: { webhookUrl, timeoutMs } }) } });
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("postAlert", () => {
  it("posts { text, alert } as JSON and reports it delivered", async () => {
    const hook = await startHook(() => 200);
    expect(await postAlert(configWith(hook.url), ALERT)).toEqual({ delivered: true });
    expect(hook.bodies).toEqual([{ text: "Perp Edge Lab · account acc-7 · missing stop: the stop for entry e1 was refused", alert: ALERT }]);
  });

  it("retries 5xx with exponential backoff until the hook takes it", async () => {
    const hook = await startHook((n) => (n <= 2 ? 503 : 200));
    const { waits, sleep } = recordingSleep();
    expect(await postAlert(configWith(hook.url), ALERT, { sleep })).toEqual({ delivered: true });
    expect(hook.bodies, "three attempts reached the hook").toHaveLength(3);
    expect(waits, "the pause doubles").toEqual([500, 1000]);
  });

  it("reports a 5xx that lasts, after 3 attempts", async () => {
    const hook = await startHook(() => 502);
    const result = await postAlert(configWith(hook.url), ALERT, recordingSleep());
    expect(result).toEqual({ delivered: false, reason: "the alert webhook answered HTTP 502 (3 attempts)" });
  });

  it("does not retry a 4xx and names the status", async () => {
    const hook = await startHook(() => 400);
    const { waits, sleep } = recordingSleep();
    const result = await postAlert(configWith(hook.url), ALERT, { sleep });
    expect(result).toEqual({ delivered: false, reason: "the alert webhook answered HTTP 400; a refusal is not retried" });
    expect(hook.bodies, "one attempt only").toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("retries a refused connection, then names the error", async () => {
    const { waits, sleep } = recordingSleep();
    const result = await postAlert(configWith(await unreachableUrl()), ALERT, { sleep });
    expect(result).toEqual({ delivered: false, reason: "the alert webhook could not be reached (ECONNREFUSED) (3 attempts)" });
    expect(waits).toEqual([500, 1000]);
  });

  it("gives up on a hook that does not answer within the timeout", async () => {
    const hook = await startHook(() => "hang");
    const result = await postAlert(configWith(hook.url, 100), ALERT, { ...recordingSleep(), maxAttempts: 2 });
    expect(result).toEqual({ delivered: false, reason: "the alert webhook did not answer within 100 ms (2 attempts)" });
    expect(hook.bodies).toHaveLength(2);
  });

  it("makes no network call without a configured webhook", async () => {
    const send = vi.fn<typeof fetch>();
    expect(await postAlert(loadConfig(), ALERT, { fetch: send })).toEqual({ delivered: false, reason: "no alert webhook configured" });
    expect(send).not.toHaveBeenCalled();
  });

  it("never shows the webhook URL or its token, in a reason or in a posted message", async () => {
    const refusing = await startHook(() => 403);
    const quoting = { ...ALERT, message: `posting to ${refusing.url} failed` };
    const refused = await postAlert(configWith(refusing.url), quoting);
    expect(refused.delivered).toBe(false);
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
    expect(JSON.stringify(refusing.bodies), "a URL from the file is redacted too").not.toContain(TOKEN);

    vi.stubEnv("ALERT_WEBHOOK_URL", refusing.url);
    await postAlert(loadConfig({ env: process.env }), quoting);
    expect(JSON.stringify(refusing.bodies[1])).toContain("posting to [redacted ALERT_WEBHOOK_URL] failed");

    const unreachable = await postAlert(configWith(await unreachableUrl()), quoting, recordingSleep());
    expect(JSON.stringify(unreachable)).not.toContain(TOKEN);
    expect(JSON.stringify(unreachable), "nor the host it names").not.toContain("127.0.0.1");
  });

  it("redacts an exchange key a message quotes before posting it", async () => {
    vi.stubEnv("KRAKEN_FUTURES_API_KEY", "planted-api-key-5Hq2mV9x");
    const hook = await startHook(() => 200);
    await postAlert(configWith(hook.url), { ...ALERT, message: "Kraken said: bad key planted-api-key-5Hq2mV9x" });
    const posted = JSON.stringify(hook.bodies[0]);
    expect(posted).not.toContain("planted-api-key-5Hq2mV9x");
    expect(hook.bodies[0]).toMatchObject({
      text: "Perp Edge Lab · account acc-7 · missing stop: Kraken said: bad key [redacted KRAKEN_FUTURES_API_KEY]",
      alert: { message: "Kraken said: bad key [redacted KRAKEN_FUTURES_API_KEY]" },
    });
  });
});
