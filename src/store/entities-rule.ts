/**
 * The resolution rule: which mentions of the archive are one entity. Pure and deterministic (the
 * same mentions always give the same ids, whatever the order they were stored in), so ids stay
 * stable across re-ingests and a second run changes nothing.
 *
 * Persons. A mention whose forms give a given name and a surname (`Mark Asquino`, `ROBERT P.
 * FINN`) belongs to the entity of that pair (`person-mark-asquino`; middle names and initials do
 * not split it, nor does a typing slip in a given name of five letters or more when the cables
 * write the surname with a more frequent given name one letter away: `Magaret Scobey`). A mention with only a surname (`ASQUINO`, `CDA Asquino`) or an initial and a
 * surname (`M. Asquino`) joins a full-name entity only when the cables link them:
 *   1. same post and period: exactly one full-name entity with that surname (and initial) is
 *      named in cables of the same station within two years — or, where several are, one is
 *      named there four times as often as all the others together (a misspelt or passing full
 *      name beside the ambassador who signs every cable);
 *   2. same role: else, exactly one of them holds the same role (`FM`, `CDA`) within two years;
 *   3. initial: else, the initial leaves exactly one full-name entity with that surname.
 * Otherwise it stays apart, as the surname at that post (`person-asquino-at-almaty`): two people
 * who share a surname are two entities unless the cables link them. Each mention keeps the rule
 * that placed it (`link`), which the person's page shows as the evidence.
 *
 * Organisations and places are one entity per name (folded: case and accents do not split them).
 * A name the cables also write as a variant of exactly one other name (`UNHCR` beside `UN High
 * Commissioner for Refugees`) joins that name; an abbreviation shared by several (`MFA`) does not.
 */
import type { EntityType } from "./entities-input.js";
import { fold, isMixedCase, type NameShape, nameShape, slug, titleCase } from "./entity-names.js";

export interface MentionFacts {
  type: EntityType;
  name: string;
  variants: readonly string[];
  roles: readonly string[];
  station: string | null;
  year: number | null;
}

export interface Placement {
  entityId: string;
  /** Why the mention is in this entity, in words (the evidence the entity page shows). */
  link: string;
}

export interface Resolution {
  /** One placement per input mention, same order. */
  placements: Placement[];
  /** Display name of every entity id placed. */
  names: Map<string, string>;
}

/** Years apart within which two mentions at one post (or in one role) are the same period. */
export const PERIOD_YEARS = 2;

interface FullEntity {
  id: string;
  given: string;
  /** station → year → mentions there that year. */
  posts: Map<string, Map<number, number>>;
  /** folded role → years held. */
  roles: Map<string, Set<number>>;
}

function near(years: ReadonlySet<number> | undefined, year: number | null): boolean {
  if (!years || year === null) return false;
  for (const y of years) if (Math.abs(y - year) <= PERIOD_YEARS) return true;
  return false;
}

/** Mentions at a post within the period of `year`. */
function namedNear(years: ReadonlyMap<number, number> | undefined, year: number | null): number {
  if (!years || year === null) return 0;
  let n = 0;
  for (const [y, count] of years) if (Math.abs(y - year) <= PERIOD_YEARS) n += count;
  return n;
}

/** A full name this many times more often at the post and period than all others is meant. */
export const DOMINANT = 4;

/** Equal but for one letter added, dropped or changed (`Magaret`, `Margaret`). */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Given names long enough that one slip between two of them is a typing slip, not a new name. */
const SLIP_MIN = 5;

/**
 * Per surname, the given name each written given name stands for: the most written one within
 * one typing slip of it (`Magaret Scobey` is `Margaret Scobey`); ties go to the first in
 * alphabetical order, so the choice does not depend on the order of the mentions.
 */
function canonicalGivens(shapes: readonly NameShape[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of shapes) {
    if (!s.given || !s.surname) continue;
    const c = counts.get(s.surname) ?? new Map<string, number>();
    counts.set(s.surname, c);
    c.set(s.given, (c.get(s.given) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const [surname, c] of counts) {
    if (c.size < 2) continue;
    for (const g of c.keys()) {
      if (g.length < SLIP_MIN) continue;
      let best = g;
      for (const [h, n] of c) {
        if (h === g || h.length < SLIP_MIN || !oneSlip(g, h)) continue;
        const m = c.get(best)!;
        if (n > m || (n === m && h < best)) best = h;
      }
      if (best !== g) out.set(`${surname}\u0000${g}`, best);
    }
  }
  return out;
}

function addYear<K>(map: Map<K, Set<number>>, key: K, year: number) {
  const set = map.get(key) ?? new Set<number>();
  map.set(key, set);
  set.add(year);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Shapes and folds of forms, memoised per run: the same names come back thousands of times. */
function memo<T>(f: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = f(s);
      seen.set(s, v);
    }
    return v;
  };
}

/** The most telling shape among a mention's forms: full name first, then initial, then surname. */
function bestShape(m: Pick<MentionFacts, "name" | "variants">, shapeOf: (s: string) => NameShape) {
  let best = shapeOf(m.name);
  for (const v of m.variants) {
    if (best.given) break;
    const s = shapeOf(v);
    if (s.given || (s.initial && !best.initial && s.surname)) best = s;
  }
  return best;
}

function resolvePersons(mentions: readonly MentionFacts[], out: Placement[], idx: number[]) {
  const shapeOf = memo(nameShape);
  const foldOf = memo(fold);
  const slugOf = memo(slug);
  const shapes = idx.map((i) => bestShape(mentions[i]!, shapeOf));
  const bySurname = new Map<string, FullEntity[]>();
  const full = new Map<string, FullEntity>();
  const givens = canonicalGivens(shapes);
  idx.forEach((i, k) => {
    const s = shapes[k]!;
    if (!s.given || !s.surname) return;
    const given = givens.get(`${s.surname}\u0000${s.given}`) ?? s.given;
    const id = `person-${slugOf(`${given} ${s.surname}`)}`;
    // Keyed by surname too: what a surname's mentions decide depends on that surname's mentions
    // alone (two surnames slugged alike do not pool their posts), which lets resolution redo one
    // surname at a time (entities-resolve.ts).
    const at = `${s.surname}\u0000${id}`;
    let e = full.get(at);
    if (!e) {
      e = { id, given, posts: new Map(), roles: new Map() };
      full.set(at, e);
      push(bySurname, s.surname, e);
    }
    const m = mentions[i]!;
    if (m.year !== null) {
      if (m.station) {
        const years = e.posts.get(m.station) ?? new Map<number, number>();
        e.posts.set(m.station, years);
        years.set(m.year, (years.get(m.year) ?? 0) + 1);
      }
      for (const r of m.roles) addYear(e.roles, foldOf(r), m.year);
    }
    out[i] = {
      entityId: id,
      link: given === s.given ? "full name" : `full name, given name written ${s.given}`,
    };
  });
  idx.forEach((i, k) => {
    const s = shapes[k]!;
    const m = mentions[i]!;
    if (s.given) return;
    if (!s.surname) {
      out[i] = { entityId: `person-${slugOf(m.name)}`, link: "name as written" };
      return;
    }
    let cands = bySurname.get(s.surname) ?? [];
    if (s.initial) cands = cands.filter((e) => e.given.startsWith(s.initial!));
    const named = cands.map((e) => (m.station ? namedNear(e.posts.get(m.station), m.year) : 0));
    const post = cands.filter((_, c) => named[c]! > 0);
    if (post.length === 1) {
      out[i] = {
        entityId: post[0]!.id,
        link: `same post and period (${m.station} ${m.year})`,
      };
      return;
    }
    if (post.length > 1) {
      // Several full names at the post: one named far more often there is the one meant.
      const total = named.reduce((a, b) => a + b, 0);
      const top = Math.max(...named);
      const first = named.indexOf(top);
      if (named.lastIndexOf(top) === first && top >= DOMINANT * (total - top)) {
        out[i] = {
          entityId: cands[first]!.id,
          link: `same post and period, most named there (${m.station} ${m.year})`,
        };
        return;
      }
    }
    if (post.length === 0) {
      const roles = m.roles.map(foldOf);
      const role = cands.filter((e) => roles.some((r) => near(e.roles.get(r), m.year)));
      if (role.length === 1) {
        out[i] = { entityId: role[0]!.id, link: `same role and period (${m.roles.join(", ")})` };
        return;
      }
      if (s.initial && cands.length === 1) {
        out[i] = { entityId: cands[0]!.id, link: "initial and surname" };
        return;
      }
    }
    const at = m.station ? `-at-${slugOf(m.station)}` : "";
    out[i] = {
      entityId: `person-${slugOf(s.surname)}${at}`,
      link: m.station ? `surname at post (${m.station})` : "surname",
    };
  });
}

/** Folded names of the mentions that write `variant` (folded) as one of their variants. */
export type OwnersOf = (type: "org" | "place", variant: string) => ReadonlySet<string> | undefined;

/** Who owns each variant, over the given mentions (the whole archive in a full run). */
function ownersOver(
  mentions: readonly MentionFacts[],
  idx: readonly number[],
): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const i of idx) {
    const m = mentions[i]!;
    const { key, vkeys } = mentionKeys(m);
    for (const fv of vkeys) {
      const set = owners.get(fv) ?? new Set<string>();
      owners.set(fv, set);
      set.add(key);
    }
  }
  return owners;
}

function resolveNamed(
  type: "org" | "place",
  mentions: readonly MentionFacts[],
  out: Placement[],
  idx: number[],
  ownersOf: OwnersOf | null,
) {
  const foldOf = memo(fold);
  const slugOf = memo(slug);
  const local = ownersOf ? null : ownersOver(mentions, idx);
  for (const i of idx) {
    const name = foldOf(mentions[i]!.name);
    const own = local ? local.get(name) : ownersOf!(type, name);
    const one = own && own.size === 1 ? [...own][0]! : null;
    out[i] =
      one && one !== name
        ? { entityId: `${type}-${slugOf(one)}`, link: `written as a variant of ${one}` }
        : { entityId: `${type}-${slugOf(name)}`, link: "name" };
  }
}

/** Display name: a full name before a surname, prose case before capitals, then the most written. */
export function displayNames(
  mentions: readonly Pick<MentionFacts, "name">[],
  out: readonly Pick<Placement, "entityId">[],
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  mentions.forEach((m, i) => {
    const id = out[i]!.entityId;
    const c = counts.get(id) ?? new Map<string, number>();
    counts.set(id, c);
    c.set(m.name, (c.get(m.name) ?? 0) + 1);
  });
  const names = new Map<string, string>();
  for (const [id, c] of counts) {
    const ranked = [...c.entries()].sort(
      (a, b) =>
        Number(/\S\s+\S/.test(b[0])) - Number(/\S\s+\S/.test(a[0])) ||
        Number(isMixedCase(b[0])) - Number(isMixedCase(a[0])) ||
        b[1] - a[1] ||
        b[0].length - a[0].length ||
        (a[0] < b[0] ? -1 : 1),
    );
    const best = ranked[0]![0];
    names.set(id, isMixedCase(best) ? best : titleCase(best));
  }
  return names;
}

/**
 * The group a mention is resolved in, and (organisations and places) the folded variants it
 * writes. A mention's placement depends only on the mentions of its group — persons: the folded
 * surname of its most telling form; organisations and places: its folded name, and who owns that
 * name as a variant (`vkeys` of other mentions) — so resolution can redo only the groups that
 * new or removed mentions touch. Stored with each mention by the writer.
 */
export function mentionKeys(m: Pick<MentionFacts, "type" | "name" | "variants">): {
  key: string;
  vkeys: string[];
} {
  if (m.type === "person") {
    const s = bestShape(m, nameShape);
    // A form without a surname is placed by itself: its own group.
    return { key: s.surname ?? `\u0001${fold(m.name)}`, vkeys: [] };
  }
  const key = fold(m.name);
  const vkeys = new Set<string>();
  for (const v of m.variants) {
    const fv = fold(v);
    if (fv !== key) vkeys.add(fv);
  }
  return { key, vkeys: [...vkeys] };
}

/**
 * Placements of `mentions`. Without `ownersOf`, the mentions are the whole archive; with it,
 * they are whole groups (see mentionKeys) and `ownersOf` says who owns a variant archive-wide.
 */
export function resolve(
  mentions: readonly MentionFacts[],
  ownersOf: OwnersOf | null = null,
): Resolution {
  const out: Placement[] = new Array(mentions.length);
  const byType: Record<EntityType, number[]> = { person: [], org: [], place: [] };
  mentions.forEach((m, i) => {
    byType[m.type].push(i);
  });
  resolvePersons(mentions, out, byType.person);
  resolveNamed("org", mentions, out, byType.org, ownersOf);
  resolveNamed("place", mentions, out, byType.place, ownersOf);
  return { placements: out, names: displayNames(mentions, out) };
}
