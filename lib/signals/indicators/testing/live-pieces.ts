/** Cuts 0..length into consecutive pieces of 1 to 40 bars, single bars included: how a live feed delivers a series. */
export function pieces(length: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0, k = 0; start < length; k++) {
    const end = Math.min(length, start + (k % 3 === 0 ? 1 : 1 + ((k * 7919) % 40)));
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** Concatenates the columns a kernel returned piece by piece. */
export function joined(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
