import { isLoopbackHost } from "./bind-policy";

/** Why a request was refused; the JSON body names it so a client can tell a wrong host from a missing token. */
export type RefusalReason = "host" | "origin" | "content-type" | "token";

/** How a request proved it holds the token: none, an `Authorization: Bearer` header, or a session cookie. */
export type Credential = "none" | "bearer" | "session";

export interface GatePolicy {
  /** ACCESS_TOKEN is set: everything but the public paths needs a credential. */
  tokenRequired: boolean;
  /** Names beyond loopback the dashboard answers to (ALLOWED_HOSTS). */
  allowedHosts: readonly string[];
}

/** What the gate reads of a request: only headers, never the body. */
export interface GateRequest {
  method: string;
  pathname: string;
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
  contentType: string | null;
}

export type GateDecision =
  | { allowed: true; authorised: boolean }
  | { allowed: false; status: 401 | 403; reason: RefusalReason; message: string };

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The build's own assets: the same for everyone, so no request for one needs (or costs) a session lookup. */
function isAssetPath(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname === "/favicon.ico";
}

/** Open without a credential even in token mode: liveness, which shows an authorised caller more. */
const PUBLIC_PATH = "/api/health";

/** `Host: 127.0.0.1:3000` → `127.0.0.1`; `[::1]:3000` → `[::1]`; undefined when it is not a host name at all. */
export function hostnameOf(hostHeader: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.exec(hostHeader.trim());
  return match?.[1]?.toLowerCase();
}

export function isAllowedHost(hostHeader: string | null, policy: GatePolicy): boolean {
  const name = hostHeader === null ? undefined : hostnameOf(hostHeader);
  return name !== undefined && (isLoopbackHost(name) || policy.allowedHosts.includes(name));
}

/** `Origin: https://lab.example.com` equals `Host: lab.example.com` (default ports are left out of both). */
function sameOrigin(origin: string, hostHeader: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const defaultPort = url.protocol === "https:" ? ":443" : ":80";
  const host = hostHeader.toLowerCase().endsWith(defaultPort) ? hostHeader.slice(0, -defaultPort.length) : hostHeader;
  return url.host === host.toLowerCase();
}

const refuse = (status: 401 | 403, reason: RefusalReason, message: string): GateDecision => ({ allowed: false, status, reason, message });

/**
 * The access policy for one request, decided from its headers alone:
 * - every request must name an allowed `Host` (a DNS-rebinding page sends its own name, and is refused);
 * - with a token configured, everything but the public paths needs a credential;
 * - a change (any method but GET/HEAD/OPTIONS) must be JSON and, unless it carries the token as a Bearer header
 *   (which no cross-site page can add without a CORS preflight this app never grants), come from the dashboard's own
 *   origin: a form or a no-cors fetch from another site or another port is refused.
 * `credentialOf` is asked only when the answer matters, so neither a refused host nor an asset costs a session lookup.
 */
export async function decideRequest(request: GateRequest, policy: GatePolicy, credentialOf: () => Promise<Credential>): Promise<GateDecision> {
  if (!isAllowedHost(request.host, policy)) {
    const allowed = ["127.0.0.1", "localhost", "[::1]", ...policy.allowedHosts].join(", ");
    return refuse(403, "host", `this dashboard does not answer to Host ${JSON.stringify(request.host ?? "")} (it answers to ${allowed}; add a name with ALLOWED_HOSTS)`);
  }
  const read = READ_METHODS.has(request.method.toUpperCase());
  if (read && isAssetPath(request.pathname)) return { allowed: true, authorised: false };
  const credential = policy.tokenRequired ? await credentialOf() : "none";
  const authorised = !policy.tokenRequired || credential !== "none";
  if (!authorised && request.pathname !== PUBLIC_PATH) {
    return refuse(401, "token", "this dashboard requires its access token: open it once as /?token=… or send Authorization: Bearer …");
  }
  if (read) return { allowed: true, authorised };

  const mediaType = request.contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return refuse(403, "content-type", `changes must be sent as Content-Type: application/json (this request sent ${request.contentType ? JSON.stringify(request.contentType) : "none"})`);
  }
  if (credential === "bearer") return { allowed: true, authorised };
  const fetchSite = request.secFetchSite?.toLowerCase();
  if (fetchSite !== undefined && fetchSite !== "same-origin") {
    return refuse(403, "origin", `changes must come from the dashboard's own pages (this request is ${fetchSite})`);
  }
  if (request.origin !== null ? !sameOrigin(request.origin, request.host ?? "") : fetchSite !== "same-origin") {
    const from = request.origin === null ? "carries no Origin" : `comes from ${JSON.stringify(request.origin)}`;
    return refuse(403, "origin", `changes must come from the dashboard's own pages (this request ${from}; send Origin: http://${request.host} or use the token as Authorization: Bearer …)`);
  }
  return { allowed: true, authorised };
}
