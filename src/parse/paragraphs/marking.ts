/**
 * Portion marks: the classification written after a paragraph number, `(C)`, `(SBU)`, `(S//NF)`,
 * `(C/REL LIBYA)`, `(C - ENTIRE TEXT)`. Normalised to the contract's form: level letters (`U`,
 * `SBU`, `C`, `S`, `TS`), caveats joined by one `/`, NOFORN as `NF`, upper case; the old
 * whole-text note (`ENTIRE TEXT`, `ENTIRE PARAGRAPH`) dropped. Anything else in parentheses
 * (`(Afghanistan)`, `(U.S.)`) is not a mark.
 */

const LEVELS: Record<string, string> = {
  U: "U",
  UNCLASSIFIED: "U",
  SBU: "SBU",
  LOU: "LOU",
  C: "C",
  CONFIDENTIAL: "C",
  S: "S",
  SECRET: "S",
  TS: "TS",
  "TOP SECRET": "TS",
};

const MARK =
  /^(TOP SECRET|UNCLASSIFIED|CONFIDENTIAL|SECRET|SBU|LOU|TS|U|C|S)(?:(?:\s*[/-]+\s*|\s+)(.+))?$/;
/** Caveats that may follow the level. `N` is NOFORN in the FAH's `(SBU/N)`. */
const CAVEAT = /^(?:NF|NOFORN|N|FGI|ORCON|FOUO|PROPIN|NC)$/;
const MAX_MARK = 100;
const WHOLE_TEXT = /^ENTIRE\s+(?:TEXT|PARAGRAPH|MESSAGE)$/;

/**
 * Marks repeat: a cable has a dozen `(C)` and a corpus a few hundred distinct spellings, so the
 * pure parse below is remembered per short spelling (bounded, for a stream of odd parentheses).
 * Only short ones: V8 copies substrings under 13 characters, while a longer key would be a slice
 * keeping the whole cable text alive.
 */
const known = new Map<string, string | null>();
const KNOWN_MAX = 4_096;
const KNOWN_LENGTH = 12;

/** `S//NF` → `S/NF`; `c` → `C`; `Afghanistan` → null. */
export function parseMarking(raw: string): string | null {
  if (raw.length > KNOWN_LENGTH) return computeMarking(raw);
  const hit = known.get(raw);
  if (hit !== undefined) return hit;
  if (known.size >= KNOWN_MAX) known.clear();
  const marking = computeMarking(raw);
  known.set(raw, marking);
  return marking;
}

function computeMarking(raw: string): string | null {
  const s = raw.trim().toUpperCase().replace(/\s+/g, " ");
  if (s.length === 0 || s.length > MAX_MARK) return null;
  const m = MARK.exec(s);
  if (!m) return null;
  const level = LEVELS[m[1]!]!;
  if (!m[2]) return level;
  // A REL caveat runs to the end: its country list may itself contain slashes (`REL TO NATO/AUS`).
  const relAt = m[2].search(/\bREL/);
  const head = relAt >= 0 ? m[2].slice(0, relAt) : m[2];
  const caveats: string[] = [];
  for (const part of head.split("/")) {
    const p = part.replace(/^[\s-]+|[\s-]+$/g, "");
    if (p === "" || WHOLE_TEXT.test(p)) continue;
    if (!CAVEAT.test(p)) return null;
    caveats.push(p === "NOFORN" ? "NF" : p);
  }
  if (relAt >= 0)
    caveats.push(
      m[2]
        .slice(relAt)
        .replace(/\s*\/\/\s*/g, "/")
        .replace(/[\s/]+$/, ""),
    );
  return [level, ...caveats].join("/");
}

/**
 * The mark written after a paragraph number, from `text` at `pos`: `(C)`, or the malformed
 * `C)` / `SBU)` whose opening parenthesis was lost. Returns the mark and where the text after it
 * starts, or null.
 */
export function readMarking(text: string, pos: number): { marking: string; end: number } | null {
  const ch = text[pos];
  if (ch === "(") {
    const close = text.indexOf(")", pos + 1);
    if (close < 0 || close - pos > MAX_MARK + 2) return null;
    const inner = text.slice(pos + 1, close);
    if (inner.includes("\n") || inner.includes("(")) return null;
    const marking = parseMarking(inner);
    return marking ? { marking, end: close + 1 } : null;
  }
  const m = BARE_MARK.exec(text.slice(pos, pos + 12));
  if (!m) return null;
  return { marking: parseMarking(m[1]!)!, end: pos + m[0].length };
}

/** `C)`, `SBU)`, `S/NF)`: upper case only, so that list items like `a)` stay text. */
const BARE_MARK = /^((?:SBU|TS|U|C|S)(?:\/NF)?)\)/;
