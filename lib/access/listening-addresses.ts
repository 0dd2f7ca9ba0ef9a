import { Server } from "node:net";

/**
 * The addresses this process's servers listen on. Next does not tell its instrumentation hook where it bound (and
 * `next start` binds every interface unless given -H), so the only truthful answer is to ask the listening sockets.
 * `process._getActiveHandles` is undocumented but has been in Node since 0.x; without it the answer is empty, and
 * the proxy's Host check still holds.
 */
export function listeningAddresses(): string[] {
  const active = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return active.flatMap((handle) => {
    if (!(handle instanceof Server) || !handle.listening) return [];
    const address = handle.address();
    return address !== null && typeof address === "object" ? [address.address] : [];
  });
}
