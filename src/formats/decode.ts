import { isAscii } from "node:buffer";

/**
 * Bytes → text for every reader: charset (UTF-8, else windows-1252), byte-order marks, line ends.
 * Cable files come from many hands: the PlusD-derived copies are cp1252 with CRLF, the WikiLeaks
 * pages UTF-8, and a damaged download can mix both, so the choice is made per file from the bytes.
 */

export interface DecodedText {
  text: string;
  /** Charset repairs a user should know about (the text is not what a UTF-8 reader would show). */
  warnings: string[];
}

// windows-1252 differs from ISO-8859-1 only in 0x80-0x9F. Node 20's TextDecoder("windows-1252")
// decodes that range as C1 controls (latin1 fast path), so the table is spelled out here.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const C1_RANGE = /[\u0080-\u009f]/g;

export function decodeCp1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(C1_RANGE, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not one. */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number) => {
    const x = b[i + k];
    return x !== undefined && (x & 0xc0) === 0x80;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c >= 0xf0 && c <= 0xf4) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Counts of well-formed multi-byte sequences and of stray high bytes, and the first stray's offset. */
function utf8Census(b: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < b.length; i++) {
    if (b[i]! < 0x80) continue;
    const n = utf8SequenceAt(b, i);
    if (n > 0) {
      valid++;
      i += n - 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
    }
  }
  return { valid, invalid, firstInvalid };
}

/**
 * Decode a whole record's bytes. Valid UTF-8 is taken as is. Otherwise the file is either a cp1252
 * file (no well-formed multi-byte sequence, or fewer than stray bytes: decode it all as cp1252) or
 * a UTF-8 file with damaged bytes (keep UTF-8, replace the damage with U+FFFD); both are warned.
 * `where` names a byte position for warnings (by default the offset in `bytes`, which readers of
 * whole files pass through unchanged).
 */
export function decodeBytes(
  bytes: Uint8Array,
  where: (offset: number) => string = (i) => `byte ${i}`,
): DecodedText {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const enc = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    return {
      text: new TextDecoder(enc).decode(bytes.subarray(2)),
      warnings: [`decoded as ${enc.toUpperCase()} (byte-order mark)`],
    };
  }
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
  const common = decodeCommonUtf8(body);
  if (common !== null) return { text: common, warnings: [] };
  // Node's UTF-8 decoding is the general path; bad bytes show as U+FFFD, and only then (or for a
  // literal U+FFFD in the text) is the strict decoder asked whether the bytes are really broken.
  const text = body.toString("utf8");
  if (!text.includes("\uFFFD")) return { text, warnings: [] };
  try {
    return { text: utf8Strict.decode(body), warnings: [] };
  } catch {
    const census = utf8Census(body);
    const at = where(start + census.firstInvalid);
    if (census.valid > census.invalid) {
      return {
        text: new TextDecoder("utf-8").decode(body),
        warnings: [`invalid UTF-8: ${census.invalid} byte(s) replaced by U+FFFD (first at ${at})`],
      };
    }
    return {
      text: decodeCp1252(body),
      warnings: [`not valid UTF-8 (first bad byte at ${at}): decoded as windows-1252`],
    };
  }
}

/**
 * The common cable file: ASCII with a few `¶` (C2 B6) and typographic quotes and dashes (E2 80 xx).
 * V8 decodes such UTF-8 byte by byte from the first non-ASCII byte on; here the ASCII runs between
 * those sequences are taken as Latin-1 (a copy) and the sequences decoded by hand, several times
 * faster. Null for anything else (other non-ASCII bytes, a broken sequence): the caller decodes it
 * the general way, so the result is always exactly what UTF-8 decoding gives.
 */
function decodeCommonUtf8(b: Buffer): string | null {
  let e2 = b.indexOf(0xe2);
  if (e2 < 0) return decodeTwoByteSequences(b);
  let out = "";
  let pos = 0;
  let c2 = b.indexOf(0xc2);
  for (;;) {
    const at = c2 < 0 ? e2 : e2 < 0 ? c2 : Math.min(c2, e2);
    if (at < 0) break;
    if (!isAscii(b.subarray(pos, at))) return null;
    out += b.toString("latin1", pos, at);
    const x = b[at + 1];
    if (x === undefined || (x & 0xc0) !== 0x80) return null;
    if (at === c2) {
      out += String.fromCharCode(0x80 | (x & 0x3f));
      pos = at + 2;
    } else {
      const y = b[at + 2];
      if (y === undefined || (y & 0xc0) !== 0x80) return null;
      // E2 leads U+2000..U+2FFF: never a surrogate or an overlong form.
      out += String.fromCharCode(0x2000 | ((x & 0x3f) << 6) | (y & 0x3f));
      pos = at + 3;
    }
    if (c2 >= 0 && c2 < pos) c2 = b.indexOf(0xc2, pos);
    if (e2 >= 0 && e2 < pos) e2 = b.indexOf(0xe2, pos);
  }
  if (!isAscii(b.subarray(pos))) return null;
  return pos === 0 ? b.toString("latin1") : out + b.toString("latin1", pos);
}

/**
 * ASCII and `C2 xx` sequences only (the `¶` of most copies): `C2 xx` is the character xx, which
 * is what Latin-1 decoding gives after the `C2` (`Â`), so the text is decoded whole as Latin-1 and
 * the `Â`s dropped — one string instead of a rope of a piece per `¶` that V8 then has to flatten.
 * Null when any other non-ASCII byte (or a `C2` without its continuation byte) is there.
 */
function decodeTwoByteSequences(b: Buffer): string | null {
  let pos = 0;
  for (let at = b.indexOf(0xc2); at >= 0; at = b.indexOf(0xc2, pos)) {
    if (!isAscii(b.subarray(pos, at))) return null;
    const x = b[at + 1];
    if (x === undefined || (x & 0xc0) !== 0x80) return null;
    pos = at + 2;
  }
  if (!isAscii(b.subarray(pos))) return null;
  const latin1 = b.toString("latin1");
  return pos === 0 ? latin1 : latin1.replaceAll("\u00c2", "");
}

/** CRLF and lone CR → LF; every later stage assumes LF line ends. */
export function toLf(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}
