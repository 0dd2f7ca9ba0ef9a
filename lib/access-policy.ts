import { timingSafeEqual } from "node:crypto";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

export class AccessPolicyError extends Error {
  readonly code = "ACCESS_POLICY";
  constructor(message: string) {
    super(message);
    this.name = "AccessPolicyError";
  }
}

/** The dashboard listens on loopback unless told otherwise; listening anywhere else requires an access token. */
export function assertBindAllowed(host: string, accessToken: string | undefined): void {
  if (LOOPBACK.has(host)) return;
  if (!accessToken) {
    throw new AccessPolicyError(
      `HOST=${host} would expose the dashboard beyond this machine: set ACCESS_TOKEN (16+ characters) first; every change (starting jobs, saving hypotheses, paper trading) will then require it`,
    );
  }
}

export const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const TOKEN_COOKIE = "pel_token";

/** Whether a request may change anything: always without a configured token, else only with that exact token. */
export function mayMutate(method: string, configuredToken: string | undefined, presented: string | undefined): boolean {
  if (!MUTATING_METHODS.has(method.toUpperCase()) || !configuredToken) return true;
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(configuredToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
