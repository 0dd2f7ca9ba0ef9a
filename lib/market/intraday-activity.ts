/**
 * Relative trading activity by UTC hour (mean 1): quiet in the late Asian night, rising into the EU open
 * (07–08 UTC) and peaking at the US open (13:30–15:00 UTC), as crypto perpetual volume does.
 */
const HOURLY = [
  0.9, 0.85, 0.75, 0.7, 0.65, 0.65, 0.7, 0.9, 1.15, 1.1, 1.0, 1.0, 1.05, 1.35, 1.65, 1.55, 1.3, 1.15, 1.0, 0.95, 0.9, 0.85, 0.85, 0.9,
];

const MINUTES_PER_DAY = 1440;

/** Per-minute profile, interpolated between hour midpoints so activity has no steps on the hour. */
const BY_MINUTE: Float64Array = (() => {
  const mean = HOURLY.reduce((a, b) => a + b, 0) / HOURLY.length;
  const out = new Float64Array(MINUTES_PER_DAY);
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    const position = (m - 30 + MINUTES_PER_DAY) / 60;
    const lower = Math.floor(position) % 24;
    const weight = position - Math.floor(position);
    const a = HOURLY[lower] ?? mean;
    const b = HOURLY[(lower + 1) % 24] ?? mean;
    out[m] = (a + (b - a) * weight) / mean;
  }
  return out;
})();

/** Activity multiplier for the minute containing `timeMs` (UTC). */
export function intradayActivity(timeMs: number): number {
  const minute = Math.floor(timeMs / 60_000) % MINUTES_PER_DAY;
  return BY_MINUTE[minute < 0 ? minute + MINUTES_PER_DAY : minute] ?? 1;
}
