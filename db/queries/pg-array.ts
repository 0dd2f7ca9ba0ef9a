/**
 * A PostgreSQL array literal for a numeric column, from rows [from, to). Writes of up to a few thousand rows send
 * whole columns as one parameter and `unnest` them server-side: 1 parameter per column instead of 1 per value, and
 * one statement with no fixed costs (larger writes use COPY, see bulk-write.ts). `String(n)` is the shortest text that
 * round-trips a double.
 */
export function numericArrayLiteral(values: ArrayLike<number>, from = 0, to = values.length): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) parts[i - from] = String(values[i]);
  return `{${parts.join(",")}}`;
}
