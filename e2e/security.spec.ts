import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ORIGIN } from "./e2e-origin";
import { E2E_DATA_DIR } from "./playwright.config";

/**
 * The attacks of the security issue, replayed in Chromium from pages and services on other loopback ports, and the
 * server started the ways that used to skip the access policy. Every one of them succeeded before the gate.
 */
const TOKEN = "e2e-token-0123456789abcdef";
const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");

/** A service on another loopback port: serves the attacker's pages and records the cookies browsers send it. */
interface OtherService {
  origin: string;
  cookies: string[];
  close(): Promise<void>;
}

async function startOtherService(pages: Record<string, string>): Promise<OtherService> {
  const cookies: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    if (req.headers.cookie) cookies.push(req.headers.cookie);
    const html = pages[req.url ?? ""];
    res.writeHead(html === undefined ? 404 : 200, { "content-type": "text/html" }).end(html ?? "not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // `localhost` and `127.0.0.1` are different sites to a browser; another port on the same name is the same site.
  return { origin: `http://localhost:${port}`, cookies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The classic: a text/plain form whose one field spells a JSON body, and a no-cors fetch, both aimed at the dashboard. */
function attackPages(target: string): Record<string, string> {
  const name = '{"kind":"discovery","params":{"quick":true},"pad":"';
  return {
    "/form": `<form id="f" method="POST" enctype="text/plain" action="${target}/api/jobs"><input name='${name}' value='"}'></form><script>document.getElementById("f").submit()</script>`,
    "/no-cors": `<script>fetch("${target}/api/jobs", { method: "POST", mode: "no-cors", body: JSON.stringify({ kind: "discovery", params: { quick: true } }) }).then(() => { document.title = "sent" }, () => { document.title = "sent" })</script>`,
  };
}

async function discoveryJobCount(request: APIRequestContext, base = E2E_ORIGIN, headers: Record<string, string> = {}): Promise<number> {
  const response = await request.get(`${base}/api/jobs?limit=200&kind=discovery`, { headers });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { jobs: unknown[] }).jobs.length;
}

/** `next start` itself, on the build the suite made, as a container or a user would run it without `npm start`. */
function nextStart(port: number, args: string[], env: Record<string, string> = {}): { output: () => string; exited: Promise<number | null>; stop: () => Promise<void> } {
  let output = "";
  // Next's own binary, not npx: a signal to an npx wrapper leaves the server running.
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), ...args], { env: { ...process.env, DATA_DIR: E2E_DATA_DIR, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // A server that does not stop on SIGTERM within 5 s is killed: none may outlive its test.
  const stop = async () => {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { output: () => output, exited, stop };
}

async function waitForHealth(base: string, output: () => string): Promise<void> {
  try {
    await expect.poll(async () => fetch(`${base}/api/health`).then((r) => r.status, () => 0), { timeout: 45_000, intervals: [250] }).toBe(200);
  } catch (error) {
    throw new Error(`${base} did not become healthy; its output:\n${output()}`, { cause: error });
  }
}

/** Node's fetch will not send a forged Host header; a plain request will, as a rebinding page's browser does. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test.describe("cross-site requests (no token, loopback)", () => {
  test("a form and a no-cors fetch from another loopback port are refused (403) and start no job", async ({ browser, request }) => {
    const other = await startOtherService(attackPages(E2E_ORIGIN));
    const context = await browser.newContext();
    try {
      const before = await discoveryJobCount(request);
      const page = await context.newPage();

      const formAnswer = page.waitForResponse((r) => r.url() === `${E2E_ORIGIN}/api/jobs` && r.request().method() === "POST");
      await page.goto(`${other.origin}/form`);
      const form = await formAnswer;
      expect(form.status()).toBe(403);
      expect(await form.json()).toMatchObject({ reason: "content-type" });

      const fetchAnswer = page.waitForResponse((r) => r.url() === `${E2E_ORIGIN}/api/jobs` && r.request().method() === "POST");
      await page.goto(`${other.origin}/no-cors`);
      expect((await fetchAnswer).status()).toBe(403);

      expect(await discoveryJobCount(request), "no job was created").toBe(before);
    } finally {
      await context.close();
      await other.close();
    }
  });

  test("a DNS-rebinding Host is refused on reads and pages", async () => {
    for (const path of ["/api/jobs", "/", "/api/health"]) {
      const answer = await getWithHost(`${E2E_ORIGIN}${path}`, "rebind.attacker.example:3210");
      expect(answer.status, path).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ reason: "host" });
    }
  });
});

test.describe("token mode, started with next start", () => {
  const PORT = 3221;
  const base = `http://127.0.0.1:${PORT}`;
  let server: ReturnType<typeof nextStart>;

  test.beforeAll(async () => {
    server = nextStart(PORT, ["-H", "0.0.0.0"], { ACCESS_TOKEN: TOKEN, PORT: String(PORT) });
    await waitForHealth(base, server.output);
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test("without a session every page and API read is refused; health says only what is public", async ({ request }) => {
    const page = await request.get(`${base}/backtests`);
    expect(page.status()).toBe(401);
    expect(await page.text()).toContain("Access token required");
    expect((await request.get(`${base}/api/jobs`)).status()).toBe(401);
    const health = (await (await request.get(`${base}/api/health`, { headers: { "x-perp-edge-authorised": "1" } })).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, driver: "embedded" });
    expect(health).not.toHaveProperty("location");
    expect(JSON.stringify(health)).not.toContain(E2E_DATA_DIR);
  });

  test("the cookie another port sees holds a session id, never the token, and its form is refused", async ({ browser, request }) => {
    const other = await startOtherService(attackPages(base));
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${base}/?token=${TOKEN}`);
      expect(page.url(), "the token leaves the address bar").toBe(`${base}/`);
      await page.goto(`${base}/data`);
      await expect(page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();

      const [cookie] = await context.cookies(base);
      expect(cookie).toMatchObject({ name: `perp_edge_lab_session_${PORT}`, httpOnly: true, sameSite: "Strict", path: "/" });
      expect(cookie?.value).not.toContain(TOKEN);

      // Same site (localhost): the browser sends the session cookie to the other port's service, and with it a form.
      const bearer = { authorization: `Bearer ${TOKEN}` };
      const before = await discoveryJobCount(request, base, bearer);
      const refused = page.waitForResponse((r) => r.url() === `${base}/api/jobs` && r.request().method() === "POST");
      await page.goto(`http://127.0.0.1:${new URL(other.origin).port}/form`);
      expect((await refused).status()).toBe(403);
      expect(await discoveryJobCount(request, base, bearer), "no job was created").toBe(before);
      expect(other.cookies.join("; ")).not.toContain(TOKEN);
      for (const seen of other.cookies) expect(seen).not.toMatch(/pel_token/);

      // The dashboard's own page still starts jobs with the session.
      const own = await page.evaluate(
        async (url) => (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "discovery", params: { quick: true } }) })).status,
        `${base}/api/jobs`,
      );
      await page.goto(`${base}/data`);
      expect(own).toBe(202);
      const health = (await (await context.request.get(`${base}/api/health`)).json()) as Record<string, unknown>;
      expect(String(health.location), "an authorised caller sees where the store lives").toContain("embedded PostgreSQL");
    } finally {
      await context.close();
      await other.close();
    }
  });
});

test.describe("next start without the access policy", () => {
  test("listening on every interface without a token is refused at start", async () => {
    const server = nextStart(3222, []);
    const code = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toMatch(/listening on :: \(every interface\).*ACCESS_TOKEN/s);
    await expect(fetch("http://127.0.0.1:3222/api/health")).rejects.toThrow();
  });

  test("on loopback, next start still enforces the gate", async ({ request }) => {
    const server = nextStart(3223, ["-H", "127.0.0.1"]);
    try {
      await waitForHealth("http://127.0.0.1:3223", server.output);
      const textPlain = await request.post("http://127.0.0.1:3223/api/jobs", { data: '{"kind":"discovery","params":{}}', headers: { "content-type": "text/plain", origin: "http://localhost:4000" } });
      expect(textPlain.status()).toBe(403);
      const foreign = await request.post("http://127.0.0.1:3223/api/jobs", { data: { kind: "discovery", params: {} }, headers: { origin: "http://localhost:4000" } });
      expect(await foreign.json()).toMatchObject({ reason: "origin" });
      const own = await request.post("http://127.0.0.1:3223/api/jobs", { data: { kind: "discovery", params: { quick: true } }, headers: { origin: "http://127.0.0.1:3223" } });
      expect(own.status()).toBe(202);
    } finally {
      await server.stop();
    }
  });
});
