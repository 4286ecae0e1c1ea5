import type { ClassifiedBy } from "../../model/cable.js";
import type { Person } from "../../model/entities.js";
import { sameGivenName, titledHolders } from "./leaders.js";
import type { PersonMention } from "./mentions.js";
import { compatibleFullNames, coreWords, mixedCase, nameKey, surnameOf } from "./names.js";

/**
 * Person mentions of one cable grouped into persons: one person per distinct individual, with
 * every form written. Full forms (two name words or more) find each other by surname and
 * non-contradicting given names (`Mark Asquino`, `M. Asquino`, `Gomez Mont` in `Fernando
 * Francisco Gomez Mont`). A one-word form joins the person whose surname (or another name word)
 * it is, the most mentioned one when several could be meant, or one whose surname differs from it
 * by one typing slip (`McIntosh` for `MacIntosh`, `Jafarli` for `Jafari`). A one-word form
 * nobody claims stands alone when something said it is a person, or when the cable uses it
 * twice or more mid-sentence (`Villepin`).
 */

export interface PlacedMention {
  mention: PersonMention;
  paragraph: number;
  protected: boolean;
}

interface Group {
  forms: Map<string, string[]>;
  /** Folded name words of every form, and the surname keys. */
  words: Set<string>;
  surnames: Set<string>;
  roles: string[];
  paragraphs: Set<number>;
  us: boolean;
  protected: boolean;
  count: number;
  full: string[] | null;
  /** Core words of `full`: what a fuller form must exceed. */
  fullCore: number;
}

export function groupPersons(
  mentions: readonly PlacedMention[],
  classifiedBy: ClassifiedBy | null,
  signers: readonly string[],
  notPersons: () => ReadonlySet<string> = () => new Set(),
  notSurname: (key: string) => boolean = () => false,
  created: string | null = null,
): Person[] {
  const signed = structural(classifiedBy, signers);
  const all: PlacedMention[] = [...signed, ...mentions];
  // A one-word form no full name claims, whatever cue stands before it (`General People's
  // Committee`, `NGOs said`), is no person when the word is prose or an acronym of it; the
  // signature and Classified-By names are names by structure. A name a protection marker covers
  // stands whatever its word when something said it is a person (`UK Ambassador Blunt (protect)`): dropped as prose, it would be
  // shown in public mode; kept in excess, it is only hidden.
  const fromStructure = new Set(signed);
  const standsAlone = (pm: PlacedMention, key: string) =>
    (pm.protected && pm.mention.evidence !== "single") || fromStructure.has(pm) || !notSurname(key);
  const groups: Group[] = [];
  index.surname.clear();
  index.word.clear();
  index.full.clear();
  // Each mention's core words and surname key, read once: absorbing and claiming ask for them
  // again and again.
  const cores = all.map((pm) => coreWords(pm.mention.words));
  const keys = all.map((pm, i) => surnameOf(pm.mention.words, cores[i]!));
  const full = cores.map((core) => core.length >= 2);
  // Full forms first, so one-word forms find the full name wherever it stands in the cable. Two
  // full forms are compatible only when their surnames agree: groups are looked up by surname
  // (in creation order, as a scan of all groups would meet them) instead of scanned.
  all.forEach((pm, i) => {
    if (!full[i]) return;
    const surname = keys[i]!;
    const same = index.full.get(surname);
    const g = same?.find((x) => x.full && compatibleFullNames(x.full, pm.mention.words));
    if (g) absorb(g, pm, cores[i]!, surname);
    else {
      const created = newGroup(pm, cores[i]!, surname);
      groups.push(created);
      if (same) same.push(created);
      else index.full.set(surname, [created]);
    }
  });
  const pending: { pm: PlacedMention; key: string; core: string[] }[] = [];
  all.forEach((pm, i) => {
    if (full[i]) return;
    const key = keys[i]!;
    const core = cores[i]!;
    const g = claim(groups, key, holderOnly(pm, key, created));
    if (g) absorb(g, pm, core, key);
    else if (!standsAlone(pm, key)) return;
    else if (pm.mention.evidence !== "single") groups.push(newGroup(pm, core, key));
    else pending.push({ pm, key, core });
  });
  // A word the cable also writes as something else (after an article, as a body's name or
  // acronym, as a word of the language) is that, however often it comes back.
  const repeated = new Map<string, number>();
  const vetoed = new Set(pending.length > 0 ? notPersons() : []);
  for (const { pm, key } of pending) {
    if (!pm.mention.alone) vetoed.add(key);
    else if (!pm.mention.opensSentence) repeated.set(key, (repeated.get(key) ?? 0) + 1);
  }
  for (const { pm, key, core } of pending) {
    const g = claim(groups, key, holderOnly(pm, key, created));
    if (g) absorb(g, pm, core, key);
    else if ((repeated.get(key) ?? 0) >= 2 && !pm.mention.caps && !vetoed.has(key))
      groups.push(newGroup(pm, core, key));
  }
  return groups.map(toPerson);
}

/**
 * A surname written with the title of an office the leaders table knows (`President Mubarak`)
 * joins only a person who has no given name, or whose given name is that of the holder on the
 * cable's date (`Hosni`, not `Gamal`): else it stands as a person of its own, whom resolution
 * links to the leader by title and date. When the table does not know (another title, a surname
 * it lacks, a date outside every term, an undated cable) the form joins by surname as any other,
 * and so it does when a mixed-case cable writes the full form only in capitals: a subject line's
 * words read as a name (`SLAPS AHMEDINEJAD`, `URIBE BACKS`) are no relative.
 */
function holderOnly(
  pm: PlacedMention,
  key: string,
  created: string | null,
): ((g: Group) => boolean) | undefined {
  const given = titledHolders(pm.mention.roles, key, created);
  if (!given) return undefined;
  const capsOnly = (g: Group) =>
    !pm.mention.caps && ![...g.forms.keys()].some((f) => f.includes(" ") && f !== f.toUpperCase());
  return (g) =>
    !g.full || capsOnly(g) || [...g.words].some((w) => [...given].some((n) => sameGivenName(w, n)));
}

/** The person a one-word form belongs to, if any (among those `accept` allows). */
function claim(groups: Group[], key: string, accept?: (g: Group) => boolean): Group | null {
  const most = (found: Group[] | undefined) => {
    const list = accept ? found?.filter(accept) : found;
    return list?.length ? list.reduce((a, b) => (b.count > a.count ? b : a)) : null;
  };
  const found = most(index.surname.get(key)) ?? most(index.word.get(key));
  if (found || key.length < 6) return found;
  let best: Group | null = null;
  for (const g of groups) {
    if (accept && !accept(g)) continue;
    for (const s of g.surnames) {
      if (oneSlip(s, key) && (!best || g.count > best.count)) best = g;
    }
  }
  return best;
}

/**
 * Groups by surname key and by name word, for `claim`: a long cable has hundreds of one-word
 * mentions and scores of persons. Module state, reset by each `groupPersons` call (pure per call).
 */
const index = {
  surname: new Map<string, Group[]>(),
  word: new Map<string, Group[]>(),
  /** Groups opened by a full form, by that form's surname key. */
  full: new Map<string, Group[]>(),
};

function indexed(map: Map<string, Group[]>, key: string, g: Group): void {
  const list = map.get(key);
  if (!list) map.set(key, [g]);
  else if (!list.includes(g)) list.push(g);
}

/** Equal but for one letter added, dropped or changed. */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a.length < 6) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const SUFFIX = /^(?:Jr|Sr|II|III|IV)\.?$/i;

/** The Classified-By names and the signature, as mentions of paragraph 0 by US staff. */
function structural(
  classifiedBy: ClassifiedBy | null,
  signers: readonly string[],
): PlacedMention[] {
  const out: PlacedMention[] = [];
  const add = (name: string, roles: string[]) => {
    const written = name.replace(/[.,;:]+$/, "").trim();
    const words = written
      .split(/\s+/)
      .map((w) => w.replace(/,$/, ""))
      .filter((w) => w && !SUFFIX.test(w));
    if (words.length === 0 || words.length > 5) return;
    out.push({
      mention: {
        written,
        words,
        start: 0,
        end: 0,
        roles,
        us: true,
        evidence: "strong",
        caps: false,
        opensSentence: false,
        alone: true,
      },
      paragraph: 0,
      protected: false,
    });
  };
  for (const name of classifiedBy?.names ?? [])
    add(name, classifiedBy?.title ? [classifiedBy.title] : []);
  for (const name of signers) add(name, []);
  return out;
}

/** `core` and `surname`: the mention's `coreWords` and `surnameKey`. */
function newGroup(pm: PlacedMention, core: readonly string[], surname: string): Group {
  const g: Group = {
    forms: new Map(),
    words: new Set(),
    surnames: new Set(),
    roles: [],
    paragraphs: new Set(),
    us: false,
    protected: false,
    count: 0,
    full: null,
    fullCore: 0,
  };
  absorb(g, pm, core, surname);
  return g;
}

function absorb(g: Group, pm: PlacedMention, core: readonly string[], surname: string): void {
  const m = pm.mention;
  if (!g.forms.has(m.written)) {
    g.forms.set(m.written, m.words);
    g.surnames.add(surname);
    indexed(index.surname, surname, g);
    for (const w of core) {
      const key = nameKey(w);
      g.words.add(key);
      indexed(index.word, key, g);
    }
  }
  for (const r of m.roles)
    if (!g.roles.some((x) => x.toLowerCase() === r.toLowerCase())) g.roles.push(r);
  g.paragraphs.add(pm.paragraph);
  g.us ||= m.us;
  g.protected ||= pm.protected;
  g.count++;
  const n = core.length;
  if (n >= 2 && (!g.full || n > g.fullCore)) {
    g.full = m.words;
    g.fullCore = n;
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
  const mixed = form !== form.toUpperCase() ? 0.5 : 0;
  return coreWords(words).length * 2 + Math.min(words.length, 4) * 0.1 + mixed;
}
