import type { ClassifiedBy } from "../../model/cable.js";
import type { Person } from "../../model/entities.js";
import type { PersonMention } from "./mentions.js";
import { compatibleFullNames, coreWords, mixedCase, nameKey, surnameKey } from "./names.js";

/**
 * Person mentions of one cable grouped into persons: one person per distinct individual, with
 * every form written. Full forms (two name words or more) found each other by surname and
 * non-contradicting given names (`Mark Asquino`, `M. Asquino`); a one-word form joins the person
 * whose surname (or another name word) it is, the most mentioned one when several could be meant;
 * a one-word form nobody claims stands alone only when something said it is a person.
 */

export interface PlacedMention {
  mention: PersonMention;
  paragraph: number;
  protected: boolean;
}

interface Group {
  forms: Map<string, string[]>;
  roles: string[];
  paragraphs: Set<number>;
  us: boolean;
  protected: boolean;
  count: number;
  full: string[] | null;
}

export function groupPersons(
  mentions: readonly PlacedMention[],
  classifiedBy: ClassifiedBy | null,
  signers: readonly string[],
): Person[] {
  const all: PlacedMention[] = [...structural(classifiedBy, signers), ...mentions];
  const groups: Group[] = [];
  const isFull = (m: PersonMention) => coreWords(m.words).length >= 2;
  // Full forms first, so one-word forms find the full name wherever it stands in the cable.
  for (const pm of all.filter((p) => isFull(p.mention))) {
    const g = groups.find((x) => x.full && compatibleFullNames(x.full, pm.mention.words));
    if (g) absorb(g, pm);
    else groups.push(newGroup(pm, pm.mention.words));
  }
  const pending: PlacedMention[] = [];
  for (const pm of all.filter((p) => !isFull(p.mention))) {
    const key = surnameKey(pm.mention.words);
    const bySurname = groups.filter((g) => g.full && surnameKey(g.full) === key);
    const byAnyWord = groups.filter((g) => g.full?.some((w) => nameKey(w) === key));
    const bySingle = groups.filter(
      (g) => !g.full && [...g.forms.values()].some((w) => surnameKey(w) === key),
    );
    const pool = bySurname.length > 0 ? bySurname : byAnyWord.length > 0 ? byAnyWord : bySingle;
    if (pool.length > 0) {
      absorb(
        pool.reduce((a, b) => (b.count > a.count ? b : a)),
        pm,
      );
    } else if (pm.mention.evidence === "strong" || pm.mention.evidence === "multi") {
      groups.push(newGroup(pm, null));
    } else pending.push(pm);
  }
  // A one-word form without evidence stands when written the cable way, in capitals inside
  // mixed-case text (`SHAMSIDDINOV`), or when it recurs as a speaker elsewhere.
  for (const pm of pending) {
    const key = surnameKey(pm.mention.words);
    const g = groups.find((x) => [...x.forms.values()].some((w) => surnameKey(w) === key));
    if (g) absorb(g, pm);
    else if (writtenAsSurname(pm.mention)) groups.push(newGroup(pm, null));
  }
  return groups.map(toPerson);
}

function writtenAsSurname(m: PersonMention): boolean {
  return !m.caps && m.words.length === 1 && /^\p{Lu}[\p{Lu}'’-]{3,}$/u.test(m.words[0]!);
}

/** The Classified-By names and the signature, as mentions of paragraph 0 by US staff. */
function structural(
  classifiedBy: ClassifiedBy | null,
  signers: readonly string[],
): PlacedMention[] {
  const out: PlacedMention[] = [];
  for (const name of classifiedBy?.names ?? []) {
    const words = name.split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    out.push(structuralMention(name, words, classifiedBy?.title ? [classifiedBy.title] : []));
  }
  for (const name of signers) {
    const words = name
      .replace(/[.,;:]+$/, "")
      .split(/\s+/)
      .filter(Boolean);
    if (words.length === 0 || words.length > 4) continue;
    out.push(structuralMention(words.join(" "), words, []));
  }
  return out;
}

function structuralMention(written: string, words: string[], roles: string[]): PlacedMention {
  return {
    mention: { written, words, start: 0, end: 0, roles, us: true, evidence: "strong", caps: false },
    paragraph: 0,
    protected: false,
  };
}

function newGroup(pm: PlacedMention, full: string[] | null): Group {
  const g: Group = {
    forms: new Map(),
    roles: [],
    paragraphs: new Set(),
    us: false,
    protected: false,
    count: 0,
    full,
  };
  absorb(g, pm);
  return g;
}

function absorb(g: Group, pm: PlacedMention): void {
  const m = pm.mention;
  if (!g.forms.has(m.written)) g.forms.set(m.written, m.words);
  for (const r of m.roles)
    if (!g.roles.some((x) => x.toLowerCase() === r.toLowerCase())) g.roles.push(r);
  g.paragraphs.add(pm.paragraph);
  g.us ||= m.us;
  g.protected ||= pm.protected;
  g.count++;
  if (!g.full || coreWords(m.words).length > coreWords(g.full).length) {
    if (coreWords(m.words).length >= 2) g.full = m.words;
  }
}

function toPerson(g: Group): Person {
  const forms = [...g.forms.keys()];
  // The fullest form, mixed-case forms preferred: the name in normal mixed case.
  const best = forms.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  const name = mixedCase(best);
  const variants = forms.filter((f) => f !== name);
  return {
    name,
    variants,
    roles: g.roles,
    paragraphs: [...g.paragraphs].sort((a, b) => a - b),
    usOfficial: g.us,
    protected: g.protected,
  };
}

function rank(form: string): number {
  const words = form.split(" ");
  const mixed = /\p{Ll}/u.test(form) ? 0.5 : 0;
  return coreWords(words).length * 2 + Math.min(words.length, 4) * 0.1 + mixed;
}
