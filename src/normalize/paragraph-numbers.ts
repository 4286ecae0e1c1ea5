/**
 * The bare leading `1` of scraped copies: when the link around a paragraph anchor was lost, the
 * anchor's `1` stayed glued to the number, so paragraphs 6 to 9 read `16.` to `19.` (and 10, if
 * damaged, `110.`). Repaired by the expected sequence, and only where the copy shows the damage:
 *
 * - a damaged number is `1` followed by the number the sequence expects (`16.` where `6.` is due);
 * - a run of them is repaired when the number after it continues the repaired sequence (`5.`,
 *   `16.`...`19.`, `10.`), so a clean cable's gaps, duplicates and sub-lists stay as written;
 * - with anchor debris in the copy (`[1](#)2.`), also a run that ends the cable, and a run at the
 *   very start (no undamaged number before it).
 */

interface Numbered {
  /** Offset of the first digit. */
  at: number;
  digits: string;
  value: number;
}

/** Paragraph numbers opening a line: `6. (C)`, `6.(C)`, `6.  Text`, or `6.` alone. */
function numbers(text: string): Numbered[] {
  const found: Numbered[] = [];
  let lineStart = 0;
  for (;;) {
    let k = lineStart;
    while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
    const first = k;
    while (k - first < 4 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    const length = k - first;
    if (length >= 1 && length <= 3 && text.charCodeAt(k) === 46) {
      const after = text.charCodeAt(k + 1);
      // end of text (NaN), space, tab, "(" or line break
      if (Number.isNaN(after) || after === 32 || after === 9 || after === 40 || after === 10) {
        const digits = text.slice(first, k);
        found.push({ at: first, digits, value: Number(digits) });
      }
    }
    const nl = text.indexOf("\n", lineStart);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return found;
}

const isDamaged = (n: Numbered, expected: number): boolean =>
  n.value !== expected && n.digits === `1${expected}`;

const isDigitAt = (text: string, k: number): boolean => {
  const c = text.charCodeAt(k);
  return c >= 48 && c <= 57;
};

/** `1`, one or two more digits and a dot at `k`: the shape of every damaged number. */
function damagedShapeAt(text: string, k: number): boolean {
  if (text.charCodeAt(k) !== 49 || !isDigitAt(text, k + 1)) return false;
  const dot = isDigitAt(text, k + 2) ? k + 3 : k + 2;
  return text.charCodeAt(dot) === 46;
}

/**
 * Whether some line opens with a number of that shape. Most cables have none, which spares them
 * the full scan; the damage comes from a conversion that leaves numbers flush left.
 */
function mayBeDamaged(text: string): boolean {
  if (damagedShapeAt(text, 0)) return true;
  for (let at = text.indexOf("\n1"); at !== -1; at = text.indexOf("\n1", at + 2)) {
    if (damagedShapeAt(text, at + 1)) return true;
  }
  return false;
}

export function repairParagraphNumbers(
  text: string,
  opts: { anchorDebris: boolean },
): { text: string; count: number } {
  if (!mayBeDamaged(text)) return { text, count: 0 };
  const list = numbers(text);
  const fixes: { at: number; length: number; value: number }[] = [];
  let prev: number | null = opts.anchorDebris ? 0 : null;
  for (let i = 0; i < list.length; ) {
    const cur = list[i]!;
    if (prev === null || !isDamaged(cur, prev + 1)) {
      prev = cur.value;
      i++;
      continue;
    }
    let j = i;
    while (j < list.length && isDamaged(list[j]!, prev + 1 + (j - i))) j++;
    const lastRepaired = prev + (j - i);
    const after = list[j];
    const confirmed = after !== undefined && after.value === lastRepaired + 1;
    const accept = opts.anchorDebris ? confirmed || after === undefined : prev >= 1 && confirmed;
    if (accept) {
      for (let k = i; k < j; k++) {
        const n = list[k]!;
        fixes.push({ at: n.at, length: n.digits.length, value: prev + 1 + (k - i) });
      }
      prev = lastRepaired;
    } else prev = list[j - 1]!.value;
    i = j;
  }
  if (fixes.length === 0) return { text, count: 0 };
  let out = "";
  let pos = 0;
  for (const f of fixes) {
    out += text.slice(pos, f.at) + String(f.value);
    pos = f.at + f.length;
  }
  return { text: out + text.slice(pos), count: fixes.length };
}
