import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/db/connection";
import { accessSessionIsValid, createAccessSession } from "@/db/queries/access-sessions";
import { hashSessionId, newSessionId, tokenFingerprint, tokenMatches } from "@/lib/access/access-token";
import { decideRequest, isAllowedHost, type Credential, type GatePolicy } from "@/lib/access/request-gate";
import { AUTHORISED_HEADER, SESSION_TTL_MS, sessionCookie, sessionCookieName } from "@/lib/access/session-cookie";
import { loadRuntimeEnv } from "@/lib/config";
import { unauthorisedPage } from "@/lib/access/unauthorised-page";

interface Access {
  policy: GatePolicy;
  token: string | undefined;
  port: number;
}

let cached: { key: string; access: Access } | undefined;
/** Validating the environment costs ~0.1 ms, on every request and asset: redone only when a variable it reads changed. */
function access(): Access {
  const key = [process.env.ACCESS_TOKEN, process.env.ALLOWED_HOSTS, process.env.PORT].join("\0");
  if (cached?.key !== key) {
    const env = loadRuntimeEnv();
    cached = { key, access: { policy: { tokenRequired: env.ACCESS_TOKEN !== undefined, allowedHosts: env.ALLOWED_HOSTS }, token: env.ACCESS_TOKEN, port: env.PORT } };
  }
  return cached.access;
}

async function credentialOf(request: NextRequest, token: string, port: number): Promise<Credential> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return tokenMatches(authorization.replace(/^Bearer\s+/i, ""), token) ? "bearer" : "none";
  const sessionId = request.cookies.get(sessionCookieName(port, true))?.value ?? request.cookies.get(sessionCookieName(port, false))?.value;
  if (!sessionId) return "none";
  const { db } = await getDatabase();
  return (await accessSessionIsValid(db, hashSessionId(sessionId), tokenFingerprint(token))) ? "session" : "none";
}

/** Directly, or behind a reverse proxy that terminates TLS and says so in X-Forwarded-Proto. */
function servedOverHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** `/?token=…`: trades a correct token for a session cookie, and always drops the token from the address bar. */
async function exchangeToken(request: NextRequest, offered: string, { token, port }: Access): Promise<NextResponse> {
  const clean = request.nextUrl.clone();
  clean.searchParams.delete("token");
  const response = NextResponse.redirect(clean);
  if (token !== undefined && tokenMatches(offered, token)) {
    const sessionId = newSessionId();
    const { db } = await getDatabase();
    await createAccessSession(db, { idHash: hashSessionId(sessionId), tokenFingerprint: tokenFingerprint(token), expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
    const cookie = sessionCookie(sessionId, port, servedOverHttps(request));
    response.cookies.set(cookie.name, cookie.value, cookie.options);
  }
  return response;
}

/**
 * The one gate every request passes, however the server was started (`npm start`, `next start`, a container):
 * the Host check, the token (session cookie or Bearer header) and the same-origin rule for changes, decided in
 * lib/access/request-gate.ts. Route handlers learn whether the caller is authorised from a header only this sets.
 */
export async function proxy(request: NextRequest) {
  const current = access();
  const host = request.headers.get("host");
  const offered = request.nextUrl.searchParams.get("token");
  if (offered !== null && request.method === "GET" && isAllowedHost(host, current.policy)) return exchangeToken(request, offered, current);

  const decision = await decideRequest(
    {
      method: request.method,
      pathname: request.nextUrl.pathname,
      host,
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      contentType: request.headers.get("content-type"),
    },
    current.policy,
    () => (current.token === undefined ? Promise.resolve("none") : credentialOf(request, current.token, current.port)),
  );
  if (!decision.allowed) {
    if (decision.reason === "token" && !request.nextUrl.pathname.startsWith("/api/")) {
      return new NextResponse(unauthorisedPage(), { status: 401, headers: { "content-type": "text/html; charset=utf-8" } });
    }
    return NextResponse.json({ error: decision.message, reason: decision.reason }, { status: decision.status });
  }
  const headers = new Headers(request.headers);
  headers.delete(AUTHORISED_HEADER);
  if (decision.authorised) headers.set(AUTHORISED_HEADER, "1");
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: "/:path*" };
