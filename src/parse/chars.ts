/**
 * Character tests on char codes, for the scans that run on every line of every cable: a regex or a
 * one-character string per test costs several times more there. Each mirrors a regex class exactly.
 */

/** JavaScript's `\s` (and what `trim()` removes): white space and line terminators. */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `[0-9]`. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `[A-Z]`. */
export function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Offsets of the first and last non-`\s` characters of `text[from, to)`, as [start, end). */
export function trimmedBounds(text: string, from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return [a, b];
}
