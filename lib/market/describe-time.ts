/** A time for error messages: ISO 8601 when it is a plausible epoch-ms value, else the raw number. */
export function describeTime(t: number): string {
  return Number.isFinite(t) && Math.abs(t) < 8.64e15 ? new Date(t).toISOString() : String(t);
}
