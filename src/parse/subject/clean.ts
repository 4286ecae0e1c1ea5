/**
 * Turns the raw text collected after a SUBJECT label into the contract's one-line subject: entities
 * decoded, backslashes (CSV escape debris) dropped, wraps joined, the leading portion marking split
 * off and returned, a trailing `(U)`-style marking removed.
 */

export interface CleanSubject {
  text: string;
  marking: string | null;
}

/** Portion markings as drafters write them: `(C)`, `(SBU)`, `(C/NF)`, `(S//NF)`, `(C/REL LIBYA)`. */
const MARK_BODY = String.raw`(?:TS|S|C|U|SBU|LOU|FOUO|CUI)(?:\s*(?:\/{1,2}|-)\s*[A-Z][A-Z ,]{0,24}?)?`;
const LEADING_MARK = new RegExp(String.raw`^\(\s*(${MARK_BODY})\s*\)[\s:.-]*`, "i");
const TRAILING_MARK = new RegExp(String.raw`\s*\(\s*${MARK_BODY}\s*\)\s*$`, "i");
/** `SUBJECT: (C) SUBJECT: BRIEFING ...` — the drafter typed the label twice. */
const REPEATED_LABEL = /^(?:SUBJECT|SUBJ)\s*:\s*/i;

const NAMED: Record<string, string> = {
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
  nbsp: " ",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  ndash: "–",
  mdash: "—",
};

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (whole, ent: string) => {
    if (ent[0] === "#") {
      const hex = ent[1] === "x" || ent[1] === "X";
      const code = Number.parseInt(ent.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ent.toLowerCase()] ?? whole;
  });
}

export function cleanSubject(raw: string): CleanSubject | null {
  let s = decodeEntities(raw).replace(/\\/g, "");
  // A hyphen glued to a word and followed by a wrap belongs to a compound split at the line end.
  s = s.replace(/(\w)-[ \t]*\n\s*(?=\w)/g, "$1-");
  s = s.replace(/\s+/g, " ").trim();
  s = s.replace(/\bUS- (?=\S)/g, "US-");
  let marking: string | null = null;
  const lead = LEADING_MARK.exec(s);
  if (lead) {
    marking = (lead[1] ?? "").replace(/\s*\/\s*/g, "/").replace(/\s+/g, " ");
    s = s.slice(lead[0].length).replace(REPEATED_LABEL, "");
  }
  s = s.replace(TRAILING_MARK, "").trim();
  return s ? { text: s, marking } : null;
}
