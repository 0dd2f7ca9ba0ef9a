import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { closeDatabase } from "@/db/connection";
import { openTestDatabase } from "@/db/testing/test-databases";
import type { DatabaseHandle } from "@/db/client";
import { proxy } from "@/proxy";

/**
 * The attacks of the security issue, replayed against the one gate (proxy.ts) as the browser would send them: each
 * was let through before the gate existed.
 */
const PORT = 3210;
const SELF = `127.0.0.1:${PORT}`;
const TOKEN = "correct-horse-battery-staple-42";

function request(path: string, init: { method?: string; host?: string; headers?: Record<string, string> } = {}): NextRequest {
  return new NextRequest(`http://${SELF}${path}`, { method: init.method ?? "GET", headers: { host: init.host ?? SELF, ...init.headers } });
}

/** What a page on another loopback port sends with `<form method=POST enctype=text/plain>` or `fetch(…, {mode: "no-cors"})`. */
const CROSS_PORT_FORM = { "content-type": "text/plain", origin: `http://localhost:4000`, "sec-fetch-site": "same-site" };
const SAME_ORIGIN_JSON = { "content-type": "application/json", origin: `http://${SELF}`, "sec-fetch-site": "same-origin" };

const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";
const authorisedFlag = (response: Response) => response.headers.get("x-middleware-request-x-perp-edge-authorised");

async function refusal(response: Response): Promise<{ status: number; reason: string; error: string }> {
  const body = (await response.json()) as { reason: string; error: string };
  return { status: response.status, ...body };
}

let store: DatabaseHandle;
const saved = { ...process.env };

beforeAll(async () => {
  store = await openTestDatabase();
  process.env.DATABASE_URL = store.url;
  process.env.PORT = String(PORT);
});

afterAll(async () => {
  await closeDatabase();
  await store.close();
  process.env = saved;
});

function withToken(token: string | undefined): void {
  if (token === undefined) delete process.env.ACCESS_TOKEN;
  else process.env.ACCESS_TOKEN = token;
}

describe("without a token (loopback only)", () => {
  beforeAll(() => withToken(undefined));

  it("refuses a cross-site form and a no-cors fetch from another loopback port (403, reason named)", async () => {
    const form = await refusal(await proxy(request("/api/jobs", { method: "POST", headers: CROSS_PORT_FORM })));
    expect(form).toMatchObject({ status: 403, reason: "content-type" });
    const noCors = await refusal(await proxy(request("/api/jobs", { method: "POST", headers: { ...CROSS_PORT_FORM, "content-type": "text/plain;charset=UTF-8" } })));
    expect(noCors.status).toBe(403);
  });

  it("refuses JSON whose Origin is another port or another site, and passes the dashboard's own", async () => {
    for (const origin of ["http://localhost:4000", "http://127.0.0.1:4000", "https://evil.example", "null"]) {
      const refused = await refusal(await proxy(request("/api/jobs", { method: "POST", headers: { "content-type": "application/json", origin } })));
      expect(refused, origin).toMatchObject({ status: 403, reason: "origin" });
    }
    const crossSite = await refusal(await proxy(request("/api/jobs", { method: "POST", headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" } })));
    expect(crossSite).toMatchObject({ status: 403, reason: "origin" });
    const anonymous = await refusal(await proxy(request("/api/jobs", { method: "POST", headers: { "content-type": "application/json" } })));
    expect(anonymous.error).toMatch(/carries no Origin/);
    // …while the dashboard's own requests pass.
    expect(passedOn(await proxy(request("/api/jobs", { method: "POST", headers: SAME_ORIGIN_JSON })))).toBe(true);
    expect(passedOn(await proxy(request("/api/jobs/1/cancel", { method: "POST", headers: { "content-type": "application/json; charset=utf-8", origin: `http://${SELF}` } })))).toBe(true);
    expect(passedOn(await proxy(request("/api/jobs", { method: "POST", headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" } })))).toBe(true);
  });

  it("refuses a DNS-rebinding Host on reads and pages too", async () => {
    for (const path of ["/api/jobs", "/", "/api/health", "/backtests"]) {
      const refused = await refusal(await proxy(request(path, { host: `rebind.evil.example:${PORT}` })));
      expect(refused, path).toMatchObject({ status: 403, reason: "host" });
    }
    expect((await proxy(request("/api/jobs", { host: "" }))).status).toBe(403);
    expect(passedOn(await proxy(request("/api/jobs", { host: `localhost:${PORT}` })))).toBe(true);
    expect(passedOn(await proxy(request("/api/jobs", { host: `[::1]:${PORT}` })))).toBe(true);
    // A name the user configured is answered to.
    process.env.ALLOWED_HOSTS = "lab.example.com";
    try {
      expect(passedOn(await proxy(request("/api/jobs", { host: "lab.example.com" })))).toBe(true);
      const post = await proxy(request("/api/jobs", { method: "POST", host: "lab.example.com", headers: { "content-type": "application/json", origin: "https://lab.example.com" } }));
      expect(passedOn(post)).toBe(true);
    } finally {
      delete process.env.ALLOWED_HOSTS;
    }
  });
});

describe("with a token", () => {
  beforeAll(() => withToken(TOKEN));

  async function signIn(protocol: "http" | "https" = "http"): Promise<{ name: string; value: string; setCookie: string }> {
    const response = await proxy(request(`/?token=${TOKEN}`, protocol === "https" ? { headers: { "x-forwarded-proto": "https" } } : {}));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).not.toContain(TOKEN);
    const setCookie = response.headers.get("set-cookie") ?? "";
    const [pair] = setCookie.split(";");
    const [name = "", value = ""] = (pair ?? "").split("=");
    return { name, value, setCookie };
  }

  it("trades the token for a server-side session: the cookie holds a random id, never the token", async () => {
    const { name, value, setCookie } = await signIn();
    expect(setCookie).not.toContain(TOKEN);
    expect(name).toBe(`perp_edge_lab_session_${PORT}`);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);
    const hashes = await store.db.execute<{ id_hash: string }>("select id_hash from access_sessions" as never);
    expect(JSON.stringify(hashes)).not.toContain(value);
    // A wrong token signs nothing in.
    const response = await proxy(request("/?token=not-the-token-at-all"));
    expect(response.status).toBe(307);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("marks the cookie Secure (and __Host-) when served over https", async () => {
    const { name, setCookie } = await signIn("https");
    expect(name).toBe(`__Host-perp_edge_lab_session_${PORT}`);
    expect(setCookie).toMatch(/Secure/i);
  });

  it("a session authorises reads and same-origin changes; the raw token as a cookie does not", async () => {
    const { name, value } = await signIn();
    const read = await proxy(request("/api/jobs", { headers: { cookie: `${name}=${value}` } }));
    expect(passedOn(read)).toBe(true);
    expect(authorisedFlag(read)).toBe("1");
    expect(passedOn(await proxy(request("/api/jobs", { method: "POST", headers: { ...SAME_ORIGIN_JSON, cookie: `${name}=${value}` } })))).toBe(true);
    // SameSite does not separate ports: the session reaches a form on another port, and the Origin rule stops it.
    const crossPort = await proxy(request("/api/jobs", { method: "POST", headers: { ...CROSS_PORT_FORM, cookie: `${name}=${value}` } }));
    expect(crossPort.status).toBe(403);
    for (const cookie of [`pel_token=${TOKEN}`, `${name}=${TOKEN}`, `${name}=${value}x`]) {
      const refused = await refusal(await proxy(request("/api/jobs", { headers: { cookie } })));
      expect(refused, cookie).toMatchObject({ status: 401, reason: "token" });
    }
  });

  it("reads need the token too, except the public health check; pages explain how to sign in", async () => {
    expect(await refusal(await proxy(request("/api/jobs")))).toMatchObject({ status: 401, reason: "token" });
    const page = await proxy(request("/backtests"));
    expect(page.status).toBe(401);
    expect(await page.text()).toMatch(/Access token required/);
    const health = await proxy(request("/api/health", { headers: { "x-perp-edge-authorised": "1" } }));
    expect(passedOn(health)).toBe(true);
    expect(authorisedFlag(health), "a client's own claim to be authorised is dropped").toBeNull();
  });

  it("a Bearer token works for scripts without an Origin; a wrong one is refused", async () => {
    const bearer = await proxy(request("/api/jobs", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` } }));
    expect(passedOn(bearer)).toBe(true);
    const wrong = await refusal(await proxy(request("/api/jobs", { method: "POST", headers: { ...SAME_ORIGIN_JSON, authorization: `Bearer ${TOKEN}x` } })));
    expect(wrong).toMatchObject({ status: 401, reason: "token" });
    const textPlain = await refusal(await proxy(request("/api/jobs", { method: "POST", headers: { "content-type": "text/plain", authorization: `Bearer ${TOKEN}` } })));
    expect(textPlain).toMatchObject({ status: 403, reason: "content-type" });
  });

  it("changing ACCESS_TOKEN ends the sessions made with the old one", async () => {
    const { name, value } = await signIn();
    withToken(`${TOKEN}-rotated`);
    try {
      expect((await proxy(request("/api/jobs", { headers: { cookie: `${name}=${value}` } }))).status).toBe(401);
    } finally {
      withToken(TOKEN);
    }
  });
});
