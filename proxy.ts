import { NextResponse, type NextRequest } from "next/server";
import { mayMutate, TOKEN_COOKIE } from "@/lib/access-policy";
import { loadRuntimeEnv } from "@/lib/config";

/**
 * With ACCESS_TOKEN set, every mutating API request must carry it: an `Authorization: Bearer` header, or the cookie
 * set by opening the dashboard once as `/?token=…` (so the browser UI keeps working).
 */
export function proxy(request: NextRequest) {
  const token = loadRuntimeEnv().ACCESS_TOKEN;
  if (!token) return NextResponse.next();
  const offered = request.nextUrl.searchParams.get("token");
  if (offered !== null && request.method === "GET") {
    const clean = request.nextUrl.clone();
    clean.searchParams.delete("token");
    const response = NextResponse.redirect(clean);
    if (mayMutate("POST", token, offered)) response.cookies.set(TOKEN_COOKIE, offered, { httpOnly: true, sameSite: "strict", path: "/" });
    return response;
  }
  const bearer = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  const presented = bearer ?? request.cookies.get(TOKEN_COOKIE)?.value;
  if (!mayMutate(request.method, token, presented)) {
    return NextResponse.json({ error: "This dashboard requires its access token for changes: open it once as /?token=… or send Authorization: Bearer …" }, { status: 401 });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/api/:path*", "/"] };
