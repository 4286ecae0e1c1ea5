import type { MentionFacts, Placement } from "./entities-facts.js";
import { canonicalGivens, TABLE_WEIGHT } from "./entities-givens.js";
import { atHome, type Leader, leaderByTitle, leaderLink, leaderNear } from "./entities-leaders.js";
import {
  type FullEntity,
  linkByEvidence,
  linkSigner,
  MISSION_TITLES,
  namedNear,
  PERIOD_YEARS,
} from "./entities-links.js";
import { MiddleNames } from "./entities-middles.js";
import {
  DEPARTMENT,
  holderAt,
  holdersNamed,
  type OfficeHolder,
  officeOfRole,
} from "./entities-offices.js";
import { fold, isPlaceName, type NameShape, nameShape, slug } from "./entity-names.js";

/**
 * Persons: which mentions of one surname are one person (the rule is told in entities-rule.ts).
 * Everything here depends on the mentions of that surname and the reference tables only.
 */

function addYear<K>(map: Map<K, Set<number>>, key: K, year: number) {
  const set = map.get(key) ?? new Set<number>();
  map.set(key, set);
  set.add(year);
}

function addCount(map: Map<string, Map<number, number>>, station: string, year: number) {
  const years = map.get(station) ?? new Map<number, number>();
  map.set(station, years);
  years.set(year, (years.get(year) ?? 0) + 1);
}

/** Shapes and folds of forms, memoised per run: the same names come back thousands of times. */
export function memo<T>(f: (s: string) => T): (s: string) => T {
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
export function bestShape(
  m: Pick<MentionFacts, "name" | "variants">,
  shapeOf: (s: string) => NameShape,
): NameShape {
  let best = shapeOf(m.name);
  for (const v of m.variants) {
    if (best.given && best.middle.length > 0) break;
    const s = shapeOf(v);
    if (best.given) {
      // A variant that writes the middle name of the same given name tells more.
      if (s.middle.length > 0 && s.given === best.given && s.surname === best.surname) best = s;
    } else if (s.given || (s.initial && !best.initial && s.surname)) best = s;
  }
  return best;
}

/** The office a mention names its person by: its signature at the Department, or its title. */
function officeHolderOf(m: MentionFacts, s: NameShape): OfficeHolder | null {
  const offices = m.roles.map(officeOfRole);
  if (m.signed && m.station === DEPARTMENT) offices.unshift("secretary-of-state");
  for (const office of offices) {
    if (!office) continue;
    const h = holderAt(office, m.date ?? null, m.year);
    if (h && h.surname === s.surname && (!s.initial || h.given.startsWith(s.initial))) return h;
  }
  return null;
}

const OFFICE_NAMES = { president: "US President", "secretary-of-state": "Secretary of State" };

function officeLink(h: OfficeHolder, m: MentionFacts): string {
  const how = m.signed && m.station === DEPARTMENT ? "signed at the Department" : "by title";
  return `${OFFICE_NAMES[h.office]} ${h.start.slice(0, 4)}–${h.end.slice(0, 4)}, ${how} (reference table)`;
}

export function resolvePersons(
  mentions: readonly MentionFacts[],
  out: Placement[],
  idx: readonly number[],
): void {
  const shapeOf = memo(nameShape);
  const foldOf = memo(fold);
  const slugOf = memo(slug);
  const shapes = idx.map((i) => bestShape(mentions[i]!, shapeOf));
  const givens = canonicalGivens(shapes);
  const givenOf = (s: NameShape) => givens.get(`${s.surname}\u0000${s.given}`) ?? s.given!;

  // Middle names written for each full name: two people or more sharing given name and
  // surname (`George H. W. Bush`, `George W. Bush`; entities-middles.ts); an office holder's own
  // count as written.
  const nameKey = (surname: string, given: string) => `${surname}\u0000${given}`;
  const middles = new MiddleNames();
  const seen = new Set<string>();
  shapes.forEach((s) => {
    if (!s.surname) return;
    if (s.given) middles.add(nameKey(s.surname, givenOf(s)), s.middle);
    if (seen.has(s.surname)) return;
    seen.add(s.surname);
    for (const h of holdersNamed(s.surname))
      middles.add(nameKey(h.surname, h.given), h.middle, TABLE_WEIGHT);
  });
  const idOf = (surname: string, given: string, middle: readonly string[]) => {
    const label = middles.labelOf(nameKey(surname, given), middle);
    return `person-${slugOf(label ? `${given} ${label} ${surname}` : `${given} ${surname}`)}`;
  };

  const bySurname = new Map<string, FullEntity[]>();
  const full = new Map<string, FullEntity>();
  const deferred: number[] = [];
  idx.forEach((i, k) => {
    const s = shapes[k]!;
    if (!s.given || !s.surname) return;
    const given = givenOf(s);
    if (s.middle.length === 0 && middles.splits(nameKey(s.surname, given))) {
      deferred.push(k);
      return;
    }
    const id = idOf(s.surname, given, s.middle);
    // Keyed by surname too: what a surname's mentions decide depends on that surname's mentions
    // alone (two surnames slugged alike do not pool their posts), which lets resolution redo one
    // surname at a time (entities-resolve.ts).
    const at = `${s.surname}\u0000${id}`;
    let e = full.get(at);
    if (!e) {
      e = { id, given, posts: new Map(), staff: new Map(), roles: new Map() };
      full.set(at, e);
      const list = bySurname.get(s.surname);
      if (list) list.push(e);
      else bySurname.set(s.surname, [e]);
    }
    const m = mentions[i]!;
    if (m.year !== null) {
      if (m.station) {
        addCount(e.posts, m.station, m.year);
        if (m.signed || m.usOfficial || m.roles.some((r) => MISSION_TITLES.has(foldOf(r))))
          addCount(e.staff, m.station, m.year);
      }
      for (const r of m.roles) addYear(e.roles, foldOf(r), m.year);
    }
    out[i] = {
      entityId: id,
      link: given === s.given ? "full name" : `full name, given name written ${s.given}`,
    };
  });

  // A full name written without the middle names that tell its namesakes apart.
  for (const k of deferred) {
    const i = idx[k]!;
    const s = shapes[k]!;
    const m = mentions[i]!;
    const given = givenOf(s);
    const h = officeHolderOf(m, s);
    if (h && h.given === given) {
      out[i] = { entityId: idOf(s.surname!, given, h.middle), link: officeLink(h, m) };
      continue;
    }
    // The one namesake in office on the cable's date (`George Bush` in 2006).
    const serving = holdersNamed(s.surname!).filter(
      (x) => x.given === given && holderAt(x.office, m.date ?? null, m.year) === x,
    );
    if (serving.length === 1) {
      const x = serving[0]!;
      out[i] = {
        entityId: idOf(s.surname!, given, x.middle),
        link: `${OFFICE_NAMES[x.office]} ${x.start.slice(0, 4)}–${x.end.slice(0, 4)} on the cable's date (reference table)`,
      };
      continue;
    }
    const cands = (bySurname.get(s.surname!) ?? []).filter((e) => e.given === given);
    const placed = linkByEvidence(m, cands, foldOf);
    const names = middles.people(nameKey(s.surname!, given)).join(", ").toUpperCase();
    out[i] = placed ?? {
      entityId: idOf(s.surname!, given, []),
      link: `full name without the middle name that tells ${names} apart`,
    };
  }

  idx.forEach((i, k) => {
    const s = shapes[k]!;
    const m = mentions[i]!;
    if (s.given) return;
    if (!s.surname) {
      out[i] = { entityId: `person-${slugOf(m.name)}`, link: "name as written" };
      return;
    }
    const h = officeHolderOf(m, s);
    if (h) {
      out[i] = { entityId: idOf(s.surname, h.given, h.middle), link: officeLink(h, m) };
      return;
    }
    const fits = (l: Leader | null) =>
      l && (!s.initial || l.given.startsWith(s.initial)) ? l : null;
    const titled = fits(leaderByTitle(m, s.surname));
    if (titled) {
      out[i] = {
        entityId: idOf(titled.surname, titled.given, titled.middle),
        link: leaderLink(titled, "by title on the cable's date"),
      };
      return;
    }
    const at = m.station ? `-at-${slugOf(m.station)}` : "";
    // A place's name alone, without a title or a signature to say it is a person's surname, may
    // be the place itself (`Salvador`): the post, where the place is named too, does not link it.
    if (!m.signed && m.roles.length === 0 && !s.initial && isPlaceName(s.surname)) {
      out[i] = {
        entityId: `person-${slugOf(s.surname)}${at}`,
        link: `surname at post (${m.station ?? "no post"}), also a place name: only a title or signature links it`,
      };
      return;
    }
    let cands = bySurname.get(s.surname) ?? [];
    if (s.initial) cands = cands.filter((e) => e.given.startsWith(s.initial!));
    let placed = m.signed
      ? (linkSigner(m, cands) ?? linkByEvidence(m, cands, foldOf, s.initial, false))
      : linkByEvidence(m, cands, foldOf, s.initial);
    const leader = placed ? null : fits(leaderNear(m, s.surname, PERIOD_YEARS));
    if (leader) {
      // A leader in office then, unless the cables name a namesake in full as near: at the
      // leader's own country's post, a namesake there; elsewhere, one anywhere.
      const id = idOf(leader.surname, leader.given, leader.middle);
      const home = atHome(leader, m.station);
      const rival = cands.some(
        (e) =>
          e.id !== id &&
          (home
            ? namedNear(e.posts.get(m.station!), m.year) > 0
            : [...e.posts.values()].some((years) => namedNear(years, m.year) > 0)),
      );
      if (!rival)
        placed = {
          entityId: id,
          link: leaderLink(
            leader,
            home ? "in office, at a post of the country" : "in office, no namesake named then",
          ),
        };
    }
    out[i] = placed ?? {
      entityId: `person-${slugOf(s.surname)}${at}`,
      link: m.station ? `surname at post (${m.station})` : "surname",
    };
  });
}
