/** Host names that only this machine can reach; everything else is "beyond loopback". */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host) || host === "::ffff:127.0.0.1";
}

export class AccessPolicyError extends Error {
  readonly code = "ACCESS_POLICY";
  constructor(message: string) {
    super(message);
    this.name = "AccessPolicyError";
  }
}

const NEEDS_TOKEN = "set ACCESS_TOKEN (16+ characters, no spaces) first; everything but /api/health will then require it";

/**
 * The dashboard listens on loopback unless told otherwise. Listening anywhere else, or answering to names a reverse
 * proxy forwards (ALLOWED_HOSTS), makes it reachable from other machines, which requires an access token.
 */
export function assertBindAllowed(host: string, accessToken: string | undefined, allowedHosts: readonly string[] = []): void {
  if (accessToken) return;
  if (!isLoopbackHost(host)) throw new AccessPolicyError(`HOST=${host} would expose the dashboard beyond this machine: ${NEEDS_TOKEN}`);
  const exposed = allowedHosts.filter((h) => !isLoopbackHost(h));
  if (exposed.length > 0) throw new AccessPolicyError(`ALLOWED_HOSTS=${exposed.join(",")} would let other machines reach the dashboard: ${NEEDS_TOKEN}`);
}

/**
 * The same rule for a server that is already listening, however it was started (`next start` binds every interface
 * unless given -H): any address beyond loopback without a token is refused.
 */
export function assertListeningAllowed(addresses: readonly string[], accessToken: string | undefined): void {
  if (accessToken) return;
  const exposed = addresses.filter((a) => !isLoopbackHost(a));
  if (exposed.length > 0) {
    const shown = exposed.map((a) => (a === "::" || a === "0.0.0.0" ? `${a} (every interface)` : a)).join(", ");
    throw new AccessPolicyError(`the dashboard is listening on ${shown}, beyond this machine: start it on 127.0.0.1 (npm start, or next start -H 127.0.0.1), or ${NEEDS_TOKEN}`);
  }
}
