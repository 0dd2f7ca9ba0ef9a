import { AUTHORISED_HEADER } from "@/lib/access/session-cookie";
import { loadRuntimeEnv } from "@/lib/config";
import type { ModeActor } from "@/lib/trading/account-mode";
import { HttpError } from "./error-response";

/**
 * The person behind a change, named from how they came in: the gate (proxy.ts) only says "authorised", so the name is
 * the way in (a Bearer token, the dashboard's session, or loopback with no token configured). Refused unless the gate
 * marked the request authorised: a change a person is named for (a live account's mode, the research loop's
 * settings, a hypothesis's lifecycle) is never made on a request it did not pass. `what` names the change refused.
 */
export function callerActor(request: Request, what: string): Extract<ModeActor, { kind: "person" }> {
  if (request.headers.get(AUTHORISED_HEADER) !== "1") throw new HttpError(401, `${what} needs an authorised caller: open the dashboard with its access token`);
  if (loadRuntimeEnv().ACCESS_TOKEN === undefined) return { kind: "person", name: "dashboard (loopback, no access token)" };
  return { kind: "person", name: request.headers.has("authorization") ? "API client (bearer token)" : "dashboard (session)" };
}
