import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const sha256 = (text: string): Buffer => createHash("sha256").update(text).digest();

/** Compares in constant time; hashing first keeps the token's length out of the timing too. */
export function tokenMatches(presented: string | undefined, configured: string): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(sha256(presented), sha256(configured));
}

/** A random session id (256 bits): what the browser's cookie carries instead of the token. */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** What the store keeps of a session id: a leaked table gives no usable session. */
export function hashSessionId(id: string): string {
  return sha256(`session:${id}`).toString("hex");
}

/** Ties a session to the token that made it, so changing ACCESS_TOKEN ends the old sessions. */
export function tokenFingerprint(token: string): string {
  return sha256(`token:${token}`).toString("hex");
}
