/**
 * A small LZ4 frame decoder, because pyarrow writes Feather v2 files LZ4-compressed by default and
 * apache-arrow ships no codec. Checksums are skipped: Arrow already records each buffer's uncompressed
 * length, and the files we read are local test/import data rather than untrusted network input.
 */

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const MIN_MATCH = 4;

export class Lz4FormatError extends Error {
  readonly code = "LZ4_FORMAT_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "Lz4FormatError";
  }
}

/** Output buffer that grows by doubling; LZ4 matches may reach back across block boundaries. */
class GrowableBytes {
  bytes: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(64, capacity));
  }
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}

class Reader {
  pos = 0;
  constructor(readonly input: Uint8Array) {}
  byte(): number {
    const value = this.input[this.pos];
    if (value === undefined) throw new Lz4FormatError(`LZ4 data ends early at byte ${this.pos}`);
    this.pos += 1;
    return value;
  }
  uint32(): number {
    const a = this.byte();
    const b = this.byte();
    const c = this.byte();
    const d = this.byte();
    return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
  }
  skip(count: number): void {
    if (this.pos + count > this.input.length) throw new Lz4FormatError(`LZ4 data ends early at byte ${this.pos}`);
    this.pos += count;
  }
}

/** Decodes one or more concatenated LZ4 frames. */
export function decodeLz4Frame(input: Uint8Array): Uint8Array {
  const reader = new Reader(input);
  const out = new GrowableBytes(input.length * 4);
  while (reader.pos < input.length) {
    const magic = reader.uint32();
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      reader.skip(reader.uint32());
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new Lz4FormatError(`Not an LZ4 frame: magic 0x${magic.toString(16)} at byte ${reader.pos - 4}`);
    decodeFrameBody(reader, out);
  }
  return out.bytes.slice(0, out.length);
}

function decodeFrameBody(reader: Reader, out: GrowableBytes): void {
  const flags = reader.byte();
  if (flags >> 6 !== 1) throw new Lz4FormatError(`Unsupported LZ4 frame version ${flags >> 6}`);
  const hasBlockChecksum = (flags & 0x10) !== 0;
  const hasContentSize = (flags & 0x08) !== 0;
  const hasContentChecksum = (flags & 0x04) !== 0;
  const hasDictId = (flags & 0x01) !== 0;
  if (hasDictId) throw new Lz4FormatError("LZ4 frames with a preset dictionary are not supported");
  reader.byte(); // block descriptor: max block size, not needed since the output grows
  if (hasContentSize) reader.skip(8);
  reader.byte(); // header checksum
  for (;;) {
    const header = reader.uint32();
    if (header === 0) break;
    const size = header & 0x7fffffff;
    const end = reader.pos + size;
    if (end > reader.input.length) throw new Lz4FormatError(`LZ4 block of ${size} bytes runs past the end of the data`);
    if ((header & 0x80000000) !== 0) {
      out.reserve(size);
      out.bytes.set(reader.input.subarray(reader.pos, end), out.length);
      out.length += size;
      reader.pos = end;
    } else {
      decodeBlock(reader, end, out);
    }
    if (hasBlockChecksum) reader.skip(4);
  }
  if (hasContentChecksum) reader.skip(4);
}

function readLength(reader: Reader, initial: number): number {
  let length = initial;
  if (initial !== 15) return length;
  let b: number;
  do {
    b = reader.byte();
    length += b;
  } while (b === 255);
  return length;
}

function decodeBlock(reader: Reader, end: number, out: GrowableBytes): void {
  while (reader.pos < end) {
    const token = reader.byte();
    const literals = readLength(reader, token >> 4);
    if (reader.pos + literals > end) throw new Lz4FormatError(`LZ4 literals run past their block at byte ${reader.pos}`);
    out.reserve(literals);
    out.bytes.set(reader.input.subarray(reader.pos, reader.pos + literals), out.length);
    out.length += literals;
    reader.pos += literals;
    if (reader.pos >= end) return; // the last sequence of a block carries literals only
    const offset = reader.byte() | (reader.byte() << 8);
    if (offset === 0 || offset > out.length) throw new Lz4FormatError(`Invalid LZ4 match offset ${offset} at byte ${reader.pos - 2}`);
    const matchLength = readLength(reader, token & 15) + MIN_MATCH;
    out.reserve(matchLength);
    const bytes = out.bytes;
    // Byte by byte because a match may overlap the bytes it is producing (run-length style).
    for (let k = 0, from = out.length - offset; k < matchLength; k++) bytes[out.length + k] = bytes[from + k] ?? 0;
    out.length += matchLength;
  }
}
