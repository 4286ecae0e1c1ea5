import type { LabeledUnit } from "./label.js";
import type { PersonMention } from "./mentions.js";
import { REPORTING_VERBS, UNNAMED_PERSON } from "./vocabulary.js";

/**
 * Which person mentions of a unit a source-protection marker covers. Recall comes first here:
 * a name left unprotected is exposed in public mode, a name protected in excess is only hidden.
 *
 * - A marker after a name, with at most a parenthesis or an appositive clause between
 *   (`Rob Swartbol (PM Balkenende's diplomatic advisor) (STRICTLY PROTECT)`, `AmCit Shawn
 *   McCormack, TNK-BP's Vice President ... (strictly protect)`), covers that name and the names
 *   joined to it by `and` (`Maria Cristina Munoz and Mery Estela Gorzon (strictly protect both)`).
 * - A marker after a redaction (`xxxxxxxxxxxx(strictly protect)`) covers the redacted person; and
 *   after a noun for an unnamed person (`a journalist (strictly protect)`), that unnamed person.
 * - Any other marker (`Bos told the Ambassador in confidence (STRICTLY PROTECT)`, a marker
 *   opening the paragraph) covers the sentence's speakers — names followed by a reporting verb —
 *   or, when none, every name of the paragraph not held by US staff.
 *
 * The markers are found more loosely than `protect` entries of the Cable: `protect` in any
 * bracket or after a dash, whatever words stand beside it.
 */

const MARKER =
  /(?:[([][^()[\]]{0,60}?\bprotect(?:ed)?\b[^()[\]]{0,90}?[)\]]|--\s*(?:strictly\s+)?protect\b)/gi;
const REDACTION_BEFORE = /[Xx]{4,}[\s,]*$/;
export function protectedMentions(
  unit: LabeledUnit,
  mentions: readonly PersonMention[],
  isUs: (m: PersonMention) => boolean,
): Set<number> {
  const out = new Set<number>();
  const text = unit.text;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const at = m.index;
    const [lo, hi] = sentenceBounds(unit, at);
    const inSentence = mentions
      .map((x, i) => ({ x, i }))
      .filter(({ x }) => x.start >= lo && x.end <= hi);
    const before = inSentence.filter(({ x }) => x.end <= at);
    const last = before[before.length - 1];
    if (last && attached(text.slice(last.x.end, at))) {
      out.add(last.i);
      // Names joined by `and` or commas to the covered one.
      for (let k = before.length - 2; k >= 0; k--) {
        const gap = text.slice(before[k]!.x.end, before[k + 1]!.x.start);
        if (!/^\s*(?:\([^()]*\)\s*)?(?:,\s*(?:and\s+)?|and\s+)$/.test(gap)) break;
        out.add(before[k]!.i);
      }
      continue;
    }
    const lead = text.slice(Math.max(lo, at - 40), at);
    // `xxxxxxxxxxxx(strictly protect)`, `(per XXXXXXXXXXXX, STRICTLY PROTECT)`: the source is
    // the redacted one.
    if (REDACTION_BEFORE.test(lead) || /[Xx]{4,}/.test(m[0])) continue;
    const word = /([A-Za-z]+)\s*$/.exec(lead)?.[1]?.toLowerCase();
    if (word && (UNNAMED_PERSON.has(word) || UNNAMED_PERSON.has(word.replace(/s$/, "")))) continue;
    if (unnamedSubject(unit, lo, at, mentions)) continue;
    // Whom the marker covers is not written: the sentence's speakers, else its names not held
    // by US staff; a sentence about "they" or "he" also covers the names before it in the
    // paragraph (`the Governor ... They stated ... (strictly protect)`); a sentence without
    // names, every name of the paragraph.
    const notUs = (list: typeof inSentence) => list.filter(({ x }) => !isUs(x));
    const speakers = notUs(inSentence).filter(({ x }) => speaks(unit, x));
    const chosen = speakers.length > 0 ? speakers : notUs(inSentence);
    const everyone = notUs(mentions.map((x, i) => ({ x, i })));
    if (opensWithPronoun(unit.text.slice(lo, lo + 12)))
      chosen.push(...everyone.filter(({ x }) => x.end <= lo));
    for (const { i } of chosen.length > 0 ? chosen : everyone) out.add(i);
  }
  return out;
}

const PRONOUN_OPENING = /^\s*["“(]?(?:he|she|they|both)\b/i;

function opensWithPronoun(start: string): boolean {
  return PRONOUN_OPENING.test(start);
}

/** Words that make the phrase before a marker a person left unnamed, with a determiner. */
const DETERMINER = /^(?:the|a|an|our|his|her|their|one|another|this|that)$/i;

/**
 * `On September 22, the Ambassador of Portugal (strictly protect) told ...`, `An Iranian exporter
 * who has known the family for years (strictly protect) noted`: the marker closes the sentence's
 * subject, an unnamed person (a determiner, then a title or a noun for a person), with no name
 * and no verb of speech before it.
 */
function unnamedSubject(
  unit: LabeledUnit,
  lo: number,
  at: number,
  mentions: readonly PersonMention[],
): boolean {
  if (mentions.some((m) => m.start >= lo && m.end <= at)) return false;
  const words = unit.tokens.filter((t) => t.start >= lo && t.end <= at);
  if (words.length > 18) return false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (REPORTING_VERBS.has(w.fold)) return false;
    if (!DETERMINER.test(w.text)) continue;
    for (let j = k + 1; j < Math.min(words.length, k + 6); j++) {
      const f = words[j]!.fold;
      if (UNNAMED_PERSON.has(f) || UNNAMED_PERSON.has(f.replace(/s$/, ""))) return true;
    }
  }
  return false;
}

/** Between a name and its marker: spaces, commas, parentheses, one appositive clause. */
function attached(gap: string): boolean {
  if (/[Xx]{4,}/.test(gap) || gap.length > 160) return false;
  const stripped = gap.replace(/\([^()]*\)/g, " ");
  return /^[\s,]*(?:,[^.;:!?()]*)?[\s,]*$/.test(stripped) && !/[.;!?]\s/.test(stripped);
}

function speaks(unit: LabeledUnit, m: PersonMention): boolean {
  const after = unit.text.slice(m.end, m.end + 120);
  const w =
    /^(?:\s*\([^()]*\))*\s*(?:,[^,.;]{0,100},)?\s*(?:also\s+|has\s+|had\s+|then\s+|later\s+)?([a-z]+)/.exec(
      after,
    );
  return w !== null && REPORTING_VERBS.has(w[1]!);
}

/** The sentence holding offset `at`: from after the last sentence end before it to the next. */
function sentenceBounds(unit: LabeledUnit, at: number): [number, number] {
  let lo = 0;
  let hi = unit.text.length;
  for (const t of unit.tokens) {
    if (!t.sentenceEnd) continue;
    if (t.end <= at) lo = t.end;
    else {
      hi = t.end;
      break;
    }
  }
  return [lo, hi];
}
