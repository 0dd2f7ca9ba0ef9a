import { ImportFormatError, type ImportLocation } from "./import-format-error";
import { readTimestamp } from "./import-fields";
import { wallClockFields, wallClockToEpochMs } from "./wall-clock-time";

/**
 * Reads a timestamp field like `readTimestamp`, except that a zone-less date-time is a wall-clock time in `timeZone`
 * (when given) rather than UTC. A time the clocks skipped over is refused; the repeated hour reads as its first pass.
 */
export function readZonedTimestamp(value: string, timeZone: string | undefined, where: ImportLocation): number {
  const wall = timeZone === undefined ? null : wallClockFields(value);
  if (timeZone === undefined || wall === null) return readTimestamp(value, where);
  const instant = wallClockToEpochMs(wall, timeZone);
  if (instant === null) throw new ImportFormatError(`${value} does not exist in ${timeZone} (the clocks went forward over it)`, where);
  return instant;
}
