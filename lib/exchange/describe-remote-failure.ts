import { errorMessage } from "@/lib/error-message";
import { formatInt } from "@/lib/format";
import { redactSecrets } from "@/lib/security/redact-secrets";

/**
 * How failures of remote servers are told: status, size and at most a short escaped excerpt, never the whole foreign
 * body. A body can be a megabyte of HTML from a proxy, echo our own request (keys included), or hold text meant to
 * fool whoever reads the log (terminal escapes, fake log lines); none of it may flood a job's error or a log.
 */

/** Characters of a body shown in an error, after escaping. */
export const EXCERPT_CHARS = 120;
/** Longest message of a remote failure's cause shown anywhere (ours fit; anything else is cut). */
export const CAUSE_CHARS = 400;
/** Secrets are redacted before cutting, so one straddling the cut cannot leave its first half behind. */
const REDACT_WINDOW = 4096;

/** C0 and C1 controls, DEL, and the invisible characters that reorder or split what a terminal shows. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function escapeChar(char: string, quotes: boolean): string {
  if (quotes && (char === '"' || char === "\\")) return `\\${char}`;
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  if (UNSAFE.test(char)) return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
  return char;
}

/** Escapes `text` and cuts it to at most `max` characters (escapes counted), marking a cut with `…`. */
function clip(text: string, max: number, quotes: boolean): string {
  let out = "";
  for (const char of text) {
    const piece = escapeChar(char, quotes);
    if (out.length + piece.length > max) return `${out}…`;
    out += piece;
  }
  return out;
}

/** The start of a foreign body as it may be shown: secrets redacted, whitespace runs folded, escaped, quoted. */
export function bodyExcerpt(body: string, max = EXCERPT_CHARS): string {
  const start = redactSecrets(body.slice(0, REDACT_WINDOW)).replace(/\s+/g, " ").trim();
  return `"${clip(start, max, true)}"`;
}

/** Foreign text inside one of our messages (a row of a page): redacted, escaped, at most `max` characters. */
export function foreignText(text: string, max = EXCERPT_CHARS): string {
  return clip(redactSecrets(text.slice(0, REDACT_WINDOW)), max, false);
}

/** The message of a failure's cause as it may be repeated in our errors and logs: redacted, escaped, bounded. */
export function causeText(error: unknown): string {
  return foreignText(errorMessage(error), CAUSE_CHARS);
}

/** The path of a request URL: its query may carry signatures or keys, and its host is the exchange's anyway. */
export function requestPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return foreignText(url.split(/[?#]/)[0] ?? "", EXCERPT_CHARS);
  }
}

/** `krakenfutures GET /api/charts/v1/trade/PF_XBTUSD/5m`: which request, without its query. */
export function describeRequest(exchange: string, method: string, url: string): string {
  return `${exchange} ${method} ${requestPath(url)}`;
}

export interface RemoteFailure {
  exchange: string;
  method: string;
  url: string;
  status: number;
  body: string;
  /** What was wrong beyond the status, e.g. "with a body that is not JSON". */
  problem?: string;
}

/**
 * `krakenfutures GET /api/charts/v1/trade/PF_XBTUSD/5m answered 502 (12,345 bytes): "<html><head>…"`: enough to act
 * on (which request, what status, how much came back and how it starts), nothing a remote server could abuse.
 */
export function describeRemoteFailure(failure: RemoteFailure): string {
  const bytes = Buffer.byteLength(failure.body, "utf8");
  const problem = failure.problem ? ` ${failure.problem}` : "";
  const size = `${formatInt(bytes)} ${bytes === 1 ? "byte" : "bytes"}`;
  const excerpt = bytes === 0 ? "" : `: ${bodyExcerpt(failure.body)}`;
  return `${describeRequest(failure.exchange, failure.method, failure.url)} answered ${failure.status}${problem} (${size})${excerpt}`;
}
