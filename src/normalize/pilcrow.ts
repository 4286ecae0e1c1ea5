/**
 * The `¶` the WikiLeaks viewer printed before every paragraph number and REF list letter
 * (`¶1. (C)`, `¶B. USEU BRUSSELS 1637`; the PlusD PDF text puts it on a line of its own above the
 * number) is not part of the cable: it goes, the number stays. A `¶` anywhere else is text and
 * stays.
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** End of the mark (spaces after it included) when the `¶` at `at` marks a number or letter, else -1. */
function markEnd(text: string, at: number): number {
  let k = at + 1;
  while (text[k] === " " || text[k] === "\t") k++;
  if (text[k] === "\n") k++;
  const c = text.charCodeAt(k);
  if (isDigit(c)) return k;
  const d = text[k + 1];
  return isLetter(c) && (d === "." || d === ")") ? k : -1;
}

export function removePilcrows(text: string): { text: string; count: number } {
  let at = text.indexOf("¶");
  if (at === -1) return { text, count: 0 };
  const parts: string[] = [];
  let pos = 0;
  for (; at !== -1; at = text.indexOf("¶", at + 1)) {
    const end = markEnd(text, at);
    if (end === -1) continue;
    parts.push(text.slice(pos, at));
    pos = end;
  }
  if (parts.length === 0) return { text, count: 0 };
  parts.push(text.slice(pos));
  return { text: parts.join(""), count: parts.length - 1 };
}
