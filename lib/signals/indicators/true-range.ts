/** Wilder's true range: the bar's range widened to include a gap from the previous close. */
export function trueRange(high: number, low: number, previousClose: number): number {
  return Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
}
