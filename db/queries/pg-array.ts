/**
 * A PostgreSQL array literal for a numeric column. Bulk writes send whole columns as one parameter and `unnest`
 * them server-side: thousands of rows per statement with 1 parameter per column instead of 1 per value,
 * which works the same on PGlite and postgres.js. `String(n)` is the shortest text that round-trips a double.
 */
export function numericArrayLiteral(values: ArrayLike<number>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = String(values[i]);
  return `{${parts.join(",")}}`;
}
