/** How long a session opened with `/?token=…` lasts before the token is needed again. */
export const SESSION_TTL_MS = 7 * 86_400_000;

/**
 * Cookies are shared by every port of a host, so the name carries the dashboard's port: another app (or another copy
 * of this one) on the same host never overwrites it. Over https the `__Host-` prefix also makes browsers refuse it
 * unless it is Secure, host-only and for the whole site.
 */
export function sessionCookieName(port: number, secure: boolean): string {
  return `${secure ? "__Host-" : ""}perp_edge_lab_session_${port}`;
}

export interface SessionCookie {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "strict"; path: "/"; secure: boolean; maxAge: number };
}

export function sessionCookie(sessionId: string, port: number, secure: boolean): SessionCookie {
  return { name: sessionCookieName(port, secure), value: sessionId, options: { httpOnly: true, sameSite: "strict", path: "/", secure, maxAge: SESSION_TTL_MS / 1000 } };
}

/** The header the gate sets (and strips from what clients send) to tell route handlers the caller is authorised. */
export const AUTHORISED_HEADER = "x-perp-edge-authorised";
