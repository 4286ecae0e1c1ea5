/**
 * What format detection (src/formats/readers.ts) looks for in a file's first bytes: a cables.csv
 * row start, an HTML document, the five-line mirror head, markdown link debris. Content decides
 * when it is conclusive, because downloaded files are often misnamed; the extension breaks the
 * tie for the rest.
 */

/** How many leading bytes detection is given. */
export const SNIFF_BYTES = 64 * 1024;
/** Text patterns are looked for this far; they all sit in the first lines of a file. */
const HEAD_BYTES = 4096;

/** `"1","12/28/1966 18:48",`: the start of every cables.csv row. */
export const CSV_ROW_START = /^"\d+","\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}",/;
export const HTML_START = /^\s*(?:<\?xml|<!doctype html|<html[\s>])/i;
const MIRROR_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
// Malformed WikiLeaks ids (`06ASTANA`, `092OF5`, `7575LIBREVILLE1895`) are mirror ids too.
const MIRROR_ID = /^\d{2}[0-9A-Z-]*[A-Z][0-9A-Z-]*$/;
// Link debris that only a markdown (or similar) conversion of a web page leaves behind.
export const SCRAPED_DEBRIS = /\]\((?:#[^)]*|\/tag\/[^)]*)\)/;

function isUtf16(b: Uint8Array): boolean {
  return (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
}

function extension(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1).toLowerCase();
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1) : "";
}

/**
 * The five-line mirror head: id on line 1, `YYYY-MM-DD HH:MM` on line 3. Line 2 (the subject) can
 * run to kilobytes when WikiLeaks' title swallowed the caption area, so lines are found on bytes.
 */
export function looksLikeMirror(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const lines: string[] = [];
  while (lines.length < 3) {
    const nl = b.indexOf(10, at);
    if (nl < 0) return false;
    lines.push(b.toString("latin1", at, nl).trim());
    at = nl + 1;
  }
  return MIRROR_ID.test(lines[0]!) && MIRROR_DATE.test(lines[2]!);
}

// Searched from the `=`: a needle opening with a rare byte is found at memchr speed, one opening
// with a common letter (`class=`) several times slower, and this runs on every file.
const CABLE_CLASS = [Buffer.from("='cable'"), Buffer.from('="cable"')];
const CLASS = Buffer.from("class");

/** `class='cable'` (or with double quotes) anywhere in the bytes: the page's metadata table. */
export function hasCableTable(bytes: Buffer): boolean {
  for (const needle of CABLE_CLASS) {
    for (let i = bytes.indexOf(needle); i >= 0; i = bytes.indexOf(needle, i + 1)) {
      if (i >= 5 && bytes.compare(CLASS, 0, 5, i - 5, i) === 0) return true;
    }
  }
  return false;
}

/** What detection looks at: the first bytes, their text head, the file's extension. */
export interface Probe {
  bytes: Buffer;
  /** The first HEAD_BYTES as text (Latin-1, or UTF-16 decoded), BOM dropped, line ends `\n`. */
  head: string;
  utf16: boolean;
  /** Lower case, without the dot; "" for none. */
  ext: string;
}

export function probe(prefix: Uint8Array, name: string): Probe {
  const bytes = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const first = bytes.subarray(0, HEAD_BYTES);
  const utf16 = isUtf16(first);
  // Latin-1 keeps one char per byte: enough for ASCII patterns, and never throws.
  let head = utf16
    ? new TextDecoder(first[0] === 0xff ? "utf-16le" : "utf-16be").decode(first)
    : first.toString("latin1");
  if (head.startsWith("\u00ef\u00bb\u00bf")) head = head.slice(3);
  if (head.includes("\r")) head = head.replace(/\r\n?/g, "\n");
  return { bytes, head, utf16, ext: extension(name) };
}

/**
 * Where the bytes stop looking like text: the offset of the first NUL in the prefix, or of the
 * first control byte once control bytes pass 2 % of its first 4 KB; -1 for text. Cables are plain
 * text, so anything else (a zip, a PDF, random junk) is rejected with a clear reason instead of
 * being parsed as noise.
 */
export function binaryOffset(prefix: Uint8Array): number {
  if (isUtf16(prefix)) return -1;
  const nul = prefix.indexOf(0);
  if (nul >= 0) return nul;
  const n = Math.min(prefix.length, HEAD_BYTES);
  const census = { controls: 0, first: -1 };
  // Four bytes at a time on the aligned middle: a byte loop is the slowest part of reading a file.
  let i = 0;
  while (i < n && ((prefix.byteOffset + i) & 3) !== 0) countControl(prefix[i]!, i++, census);
  const words =
    i < n ? new Uint32Array(prefix.buffer, prefix.byteOffset + i, (n - i) >> 2) : NO_WORDS;
  for (let w = 0; w < words.length; w++) {
    if (mayHoldControl(words[w]!)) {
      for (let k = i + 4 * w; k < i + 4 * w + 4; k++) countControl(prefix[k]!, k, census);
    }
  }
  for (let k = i + 4 * words.length; k < n; k++) countControl(prefix[k]!, k, census);
  return census.controls > 8 && census.controls * 50 > n ? census.first : -1;
}

const NO_WORDS = new Uint32Array(0);

/** Whether one of the four bytes of `w` is below 0x20 or is 0x7F (the classic SWAR tests). */
function mayHoldControl(w: number): boolean {
  const below = (w - 0x20202020) & ~w & 0x80808080;
  const del = w ^ 0x7f7f7f7f;
  return (below | ((del - 0x01010101) & ~del & 0x80808080)) !== 0;
}

function countControl(c: number, at: number, census: { controls: number; first: number }): void {
  if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) {
    census.controls++;
    if (census.first < 0) census.first = at;
  }
}
