/** An output column of `length` bars, NaN until a kernel writes a value: NaN is how warm-up reads everywhere. */
export function nanColumn(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
}
