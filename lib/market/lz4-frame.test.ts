import { describe, expect, it } from "vitest";
import { Lz4FormatError, decodeLz4Frame } from "./lz4-frame";

/** Frame header for: version 1, independent blocks, no checksums, 64 KB blocks; the header checksum byte is not verified. */
const HEADER = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82];
const END = [0, 0, 0, 0];
const block = (bytes: number[]) => [bytes.length & 0xff, (bytes.length >> 8) & 0xff, 0, 0, ...bytes];

describe("decodeLz4Frame", () => {
  it("decodes literals followed by an overlapping match (run-length)", () => {
    // token 0x34: 3 literals "abc", then a match of 4+4=8 bytes at offset 3, then a final 1-literal sequence "!".
    const frame = new Uint8Array([...HEADER, ...block([0x34, 97, 98, 99, 3, 0, 0x10, 33]), ...END]);
    expect(new TextDecoder().decode(decodeLz4Frame(frame))).toBe("abcabcabcab!");
  });

  it("copies stored (uncompressed) blocks and handles long literal lengths", () => {
    const text = "x".repeat(20);
    const stored = [20, 0, 0, 0x80, ...Array.from(text, (ch) => ch.charCodeAt(0))];
    const longLiterals = [0xf0, 20 - 15, ...Array.from("y".repeat(20), (ch) => ch.charCodeAt(0))];
    const frame = new Uint8Array([...HEADER, ...stored, ...block(longLiterals), ...END]);
    expect(new TextDecoder().decode(decodeLz4Frame(frame))).toBe(`${text}${"y".repeat(20)}`);
  });

  it("refuses data that is not an LZ4 frame or is cut short", () => {
    expect(() => decodeLz4Frame(new Uint8Array([1, 2, 3, 4, 5]))).toThrow(Lz4FormatError);
    expect(() => decodeLz4Frame(new Uint8Array([...HEADER, ...block([0x34, 97, 98, 99, 9, 0, 0x10, 33]), ...END]))).toThrow(/Invalid LZ4 match offset 9/);
    expect(() => decodeLz4Frame(new Uint8Array([...HEADER, 50, 0, 0, 0, 1]))).toThrow(/runs past the end/);
  });
});
