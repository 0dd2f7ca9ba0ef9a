/** Rows of a raw `db.execute` result, typed: postgres.js returns the rows as an array. */
export function resultRows<T>(result: unknown): T[] {
  if (!Array.isArray(result)) throw new Error("unexpected database result shape: not a row list");
  return result as T[];
}
