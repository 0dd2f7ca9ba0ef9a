/** Below this, a numeric timestamp is read as epoch seconds: 1e11 s is the year 5138, 1e11 ms is 1973. */
const SECONDS_LIMIT = 1e11;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const HAS_ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const NUMERIC = /^[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/**
 * Reads a timestamp as epoch milliseconds: epoch ms or epoch seconds (told apart by magnitude), or ISO 8601
 * (a date-time without a zone is UTC, as exchange exports mean it). Returns null when it is none of these.
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === "number") return fromEpochNumber(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (NUMERIC.test(text)) return fromEpochNumber(Number(text));
  if (!ISO_8601.test(text)) return null;
  const hasTime = text.length > 10;
  const normalised = text.replace(" ", "T");
  const ms = Date.parse(hasTime && !HAS_ZONE.test(text) ? `${normalised}Z` : normalised);
  return Number.isFinite(ms) ? ms : null;
}

function fromEpochNumber(value: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const ms = value < SECONDS_LIMIT ? Math.round(value * 1000) : value;
  return Number.isInteger(ms) ? ms : null;
}
