/**
 * Input bytes made into UTF-8-compatible text bytes before any reader sees them: UTF-16 (with or
 * without a byte-order mark) is transcoded, stray NUL bytes in a text file are removed. Both come
 * from tools, not from the cables: Windows editors and exports write UTF-16LE (often without a
 * BOM), and damaged copies carry a few NULs. Without this, such files were rejected whole as
 * "binary data". Each repair is a warning on the records it touched.
 */

import { binaryOffset, SNIFF_BYTES } from "./sniff.js";

export type Utf16 = "utf-16le" | "utf-16be";

/** Bytes looked at to recognise UTF-16 by its pattern. */
const PATTERN_BYTES = 4096;

/**
 * UTF-16 by its byte-order mark, or without one by its byte pattern: cable text is almost all
 * ASCII, which in UTF-16LE puts a zero in every odd byte and none in the even ones (BE: the
 * reverse). Plain text has no zeros at all, and binary data has them in both places.
 */
export function utf16Layout(b: Uint8Array): { encoding: Utf16; bom: boolean } | null {
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", bom: true };
  const n = Math.min(b.length, PATTERN_BYTES) & ~1;
  // Every file is asked; almost none has a zero byte, and memchr says so at once.
  if (n < 2 || b.subarray(0, n).indexOf(0) < 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.8 && evenZero <= pairs * 0.02)
    return { encoding: "utf-16le", bom: false };
  if (evenZero >= pairs * 0.8 && oddZero <= pairs * 0.02)
    return { encoding: "utf-16be", bom: false };
  return null;
}

export function utf16Warning(layout: { encoding: Utf16; bom: boolean }): string {
  const how = layout.bom ? "byte-order mark" : "no byte-order mark: recognised by its byte pattern";
  return `decoded as ${layout.encoding.toUpperCase()} (${how}); positions are in the UTF-8 text`;
}

/** A whole UTF-16 text as UTF-8 bytes (the BOM dropped). */
export function utf16ToUtf8(bytes: Uint8Array, encoding: Utf16): Buffer {
  return Buffer.from(new TextDecoder(encoding).decode(bytes), "utf8");
}

/** A stream of UTF-16 chunks as UTF-8 chunks (a character split across chunks is kept whole). */
export async function* utf16ChunksToUtf8(
  chunks: AsyncIterable<Uint8Array>,
  encoding: Utf16,
): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield Buffer.from(text, "utf8");
  }
  const rest = decoder.decode();
  if (rest) yield Buffer.from(rest, "utf8");
}

/**
 * NULs up to this share of the bytes are stray (a damaged copy) and removed; more, and the file
 * is binary data, which the readers reject with the offset of the first NUL.
 */
const STRAY_NUL_SHARE = 0.01;

/** The bytes without their stray NULs, and a warning; null when there are none or too many. */
export function withoutStrayNuls(bytes: Uint8Array): { bytes: Buffer; warning: string } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = b.indexOf(0);
  if (first < 0) return null;
  const parts: Buffer[] = [];
  let count = 0;
  let from = 0;
  for (let at = first; at >= 0; at = b.indexOf(0, at + 1)) {
    if (++count > b.length * STRAY_NUL_SHARE) return null;
    if (at > from) parts.push(b.subarray(from, at));
    from = at + 1;
  }
  parts.push(b.subarray(from));
  return {
    bytes: Buffer.concat(parts),
    warning: `removed ${count} stray NUL byte(s) (first at byte ${first}): the rest is text`,
  };
}

/** The text bytes of a whole file or record, and what was done to get them. */
export function textBytes(bytes: Uint8Array): { bytes: Uint8Array; warnings: string[] } {
  const warnings: string[] = [];
  let out: Uint8Array = bytes;
  const layout = utf16Layout(bytes);
  if (layout) {
    out = utf16ToUtf8(bytes, layout.encoding);
    warnings.push(utf16Warning(layout));
  }
  const cleaned = withoutStrayNuls(out);
  // Only when what is left is text: binary data keeps its NULs, and is rejected at the first one.
  if (cleaned && binaryOffset(cleaned.bytes.subarray(0, SNIFF_BYTES)) < 0) {
    out = cleaned.bytes;
    warnings.push(cleaned.warning);
  }
  return { bytes: out, warnings };
}
