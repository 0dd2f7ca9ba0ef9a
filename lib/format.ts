/** Display formatting shared by the CLI and the dashboard. Times are always shown in UTC. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function formatInt(n: number): string {
  return n.toLocaleString("en-US");
}

const KB = 1024;
const MB = 1024 * KB;

/** A size as people read it: `64 KB` under a megabyte, `20 MB` or `12.5 MB` from there (binary units, as caps are set). */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= KB) return `${Number((bytes / KB).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
