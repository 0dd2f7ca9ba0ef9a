/** Display formatting shared by the CLI and the dashboard. Times are always shown in UTC. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function formatInt(n: number): string {
  return n.toLocaleString("en-US");
}
