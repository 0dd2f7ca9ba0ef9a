import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ExchangeCredentials } from "../exchange-credentials";

/**
 * Kraken Futures' request signature, as the emulator checks it. Authent = base64(HMAC-SHA512(base64-decoded secret,
 * SHA-256(postData + nonce + endpointPath))). ccxt's `krakenfutures.sign()` sends no Nonce header (the nonce is then
 * empty), puts the url-encoded parameters in the query string for GET and POST alike, and signs the path without
 * the `/derivatives` prefix: `/api/v3/sendorder`.
 */

/** What a private request carries for authentication, read from its headers and URL. */
export interface SignedRequest {
  apiKey: string | undefined;
  authent: string | undefined;
  nonce: string | undefined;
  /** The url-encoded parameters exactly as sent (the query string without `?`, or the form body). */
  postData: string;
  /** The request path as Kraken signs it, e.g. `/api/v3/openorders`. */
  endpointPath: string;
}

export function krakenAuthent(secret: string, postData: string, nonce: string, endpointPath: string): string {
  const digest = createHash("sha256").update(postData + nonce + endpointPath, "utf8").digest();
  return createHmac("sha512", Buffer.from(secret, "base64")).update(digest).digest("base64");
}

/** The path Kraken signs for a request to `/derivatives/api/v3/...`. */
export function signedEndpointPath(requestPath: string): string {
  return requestPath.replace(/^\/derivatives/, "");
}

/** True when the request names the accepted key and its Authent matches; compared in constant time. */
export function isAuthentic(request: SignedRequest, accepted: ExchangeCredentials | undefined): boolean {
  if (accepted === undefined || request.apiKey !== accepted.apiKey || request.authent === undefined) return false;
  const expected = Buffer.from(krakenAuthent(accepted.secret, request.postData, request.nonce ?? "", request.endpointPath));
  const given = Buffer.from(request.authent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
