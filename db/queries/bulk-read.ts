import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { resultRows } from "./result-rows";

/** Column types read in bulk: 8-byte integers (epoch ms) and doubles, both into a Float64Array. */
export type NumericColumnType = "int8" | "float8";

/**
 * One column's values aggregated by the database into a single bytea of their 8-byte binary forms, in `orderBy`
 * order. The rows arrive as one row of a few buffers instead of hundreds of thousands of row objects, and doubles
 * need no text formatting or parsing (so they round-trip exactly): a six-month 1m series loads about 3× faster than
 * as text arrays. (COPY TO STDOUT would be faster still, but postgres.js 3.4 can leave the connection paused after it,
 * porsager/postgres#1016.)
 */
export function binaryColumn(column: SQL, type: NumericColumnType, orderBy: SQL): SQL {
  return type === "int8" ? sql`string_agg(int8send(${column}), ''::bytea order by ${orderBy})` : sql`string_agg(float8send(${column}), ''::bytea order by ${orderBy})`;
}

/** A `binaryColumn` aggregate's bytes as numbers. */
export function decodeBinaryColumn(bytes: Buffer | null, type: NumericColumnType): Float64Array {
  if (!bytes) return new Float64Array(0);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0, at = 0; i < out.length; i++, at += 8) {
    // An int8 as two 32-bit halves: exact for every safe integer, without a BigInt per value.
    out[i] = type === "int8" ? bytes.readInt32BE(at) * 2 ** 32 + bytes.readUInt32BE(at + 4) : bytes.readDoubleBE(at);
  }
  return out;
}

/** Runs a query selecting `binaryColumn`s named c0, c1, … (one aggregate row) and decodes them into typed arrays. */
export async function readBinaryColumns(db: Database, query: SQL, types: readonly NumericColumnType[]): Promise<Float64Array[]> {
  const [row] = resultRows<Record<string, Buffer | null>>(await db.execute(query));
  return types.map((type, c) => decodeBinaryColumn(row?.[`c${c}`] ?? null, type));
}
