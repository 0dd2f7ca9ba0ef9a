/** A date-time written without a zone: `2023-03-26 09:00:00` (or with `T`, seconds optional). */
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError naming the zone when `timeZone` is not an IANA zone the runtime knows. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    } catch (error) {
      throw new RangeError(`unknown time zone "${timeZone}" (expected an IANA name such as Europe/London)`, { cause: error });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at the instant `epochMs` (wall clock minus UTC), in ms. */
function offsetAt(epochMs: number, timeZone: string): number {
  const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const wall = Date.UTC(part(parts, "year"), part(parts, "month") - 1, part(parts, "day"), part(parts, "hour"), part(parts, "minute"), part(parts, "second"));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** Fails early, naming the zone, when it is not one the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The wall-clock fields of `text` read as if they were UTC, or null when `text` is not a zone-less date-time. */
export function wallClockFields(text: string): number | null {
  const m = WALL_CLOCK.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00"] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  const ms = Date.parse(`${iso}Z`);
  // Date.parse rolls 2023-02-30 over to March 2nd: a time that reads back differently is not a real one.
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(iso) ? ms : null;
}

/**
 * The instant (epoch ms) a wall-clock time in `timeZone` names, given its fields read as UTC (`wallClockFields`).
 * A time in the repeated hour when clocks go back names two instants: the first is taken (in summer time). A time
 * in the hour skipped when clocks go forward names none: null.
 */
export function wallClockToEpochMs(wallAsUtc: number, timeZone: string): number | null {
  // The offsets in force around the wall time: one, or the two either side of a change of clocks.
  const offsets = [...new Set([offsetAt(wallAsUtc - 12 * HOUR_MS, timeZone), offsetAt(wallAsUtc + 12 * HOUR_MS, timeZone)])];
  const instants = offsets.map((offset) => wallAsUtc - offset).filter((instant) => offsetAt(instant, timeZone) === wallAsUtc - instant);
  return instants.length === 0 ? null : Math.min(...instants);
}
