/**
 * The resolution rule: which mentions of the archive are one entity. Pure and deterministic (the
 * same mentions always give the same ids, whatever the order they were stored in), so ids stay
 * stable across re-ingests and a second run changes nothing.
 *
 * Persons (entities-persons.ts). A mention whose forms give a given name and a surname (`Mark
 * Asquino`, `ROBERT P. FINN`) belongs to the entity of that pair (`person-mark-asquino`). Titles
 * written first are roles, not given names (`Minister Smith`, `SecGen Rasmussen` are surnames).
 * A typing slip in a given name of five letters or more joins the more written given name one
 * letter away (`Magaret Scobey`), an office holder's or leader's other given name joins the table's
 * (`Bill Clinton` is `William J. Clinton`), and a nickname joins the one formal given name it
 * stands for that the cables write with the surname (`Nick Burns` is `Nicholas Burns`; `Chris
 * Hill` stays apart beside `Christopher Hill` and `Christina Hill`; data/reference/nicknames.csv). A middle initial does not split the pair — unless the
 * cables write two or more different ones for it (`George H. W. Bush`, `George W. Bush`): then
 * each middle initial is its own person (`person-george-w-bush`), and the name written without
 * one joins the office holder of the cable's date, or the one namesake at the same post and
 * period (or holding its title), else stays apart as the bare pair.
 *
 * A mention with only a surname (`ASQUINO`, `CDA Asquino`) or an initial and a surname (`M.
 * Asquino`) joins a full-name entity only when the cables or the reference tables link them:
 *   0. office: the signature of a cable sent from the Department (station STATE) is the
 *      Secretary of State of its date; a surname titled `Secretary` or `President` whose surname
 *      is the Secretary's or the US President's on that date is that holder
 *      (data/reference/us-officeholders.csv); a surname titled as a head of state or government
 *      (`President`, `PM`, `Chancellor`...) whose surname, or a name they go by (`Lula`, `Abu
 *      Mazen`), is a leader's holding that office on the cable's date is that leader — the post's
 *      own country deciding between two (data/reference/world-leaders.csv): `President Mubarak`
 *      is Hosni Mubarak, even where the post names his son more often;
 *   1. a signature is the post's own staff: it joins the one full name named as US staff
 *      (Classified-By, signature, US titles) at the same station within two years — or the one
 *      named there four times as often as all others together — and nothing else: a namesake
 *      the archive names in passing (`William J. Clinton` in a 2008 STATE cable) is not its
 *      signer;
 *   2. same post and period: exactly one full-name entity with that surname (and initial) is
 *      named in cables of the same station within two years — or, where several are, one is
 *      named there four times as often as all the others together (a misspelt or passing full
 *      name beside the ambassador who signs every cable), or only one of them holds the
 *      mention's title there then;
 *   3. same role: else, exactly one of them holds the same role (`FM`, `CDA`) within two years;
 *   4. initial: else, the initial leaves exactly one full-name entity with that surname;
 *   5. leader: else, a surname without a title that is the surname of exactly one leader in
 *      office within two years joins that leader, unless the cables name a namesake in full then
 *      (at the leader's own country's posts, one named at the post; elsewhere, one anywhere).
 * A place's name alone (data/reference cities, countries, regions: `Salvador`, `Lagos`) with no
 * title and no signature links by none of 1–5: the post names the place too.
 * Otherwise it stays apart, as the surname at that post (`person-asquino-at-almaty`): two people
 * who share a surname are two entities unless the cables link them. Each mention keeps the rule
 * that placed it (`link`), which the person's page shows as the evidence.
 *
 * A person a cable protects is placed like anyone else, but an entity is named — its id and its
 * display name — by its open mentions whenever it has any: an id they get without the protected
 * mentions (`R. Weeks` joined to a protected `Richard Weeks` is `person-weeks-at-tripoli`, named
 * `R. Weeks`; entities-open-names.ts).
 *
 * Organisations and places are one entity per name (folded: case and accents do not split them).
 * A name the cables also write as a variant of exactly one other name (`UNHCR` beside `UN High
 * Commissioner for Refugees`) joins that name; an abbreviation shared by several (`MFA`) does not.
 */
import type { MentionFacts, Placement } from "./entities-facts.js";
import type { EntityType } from "./entities-input.js";
import { nameByOpenMentions } from "./entities-open-names.js";
import { bestShape, memo, resolvePersons } from "./entities-persons.js";
import { fold, isMixedCase, nameShape, slug, titleCase } from "./entity-names.js";

export type { MentionFacts, Placement } from "./entities-facts.js";

export interface Resolution {
  /** One placement per input mention, same order. */
  placements: Placement[];
  /** Display name of every entity id placed. */
  names: Map<string, string>;
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

/**
 * The names an entity's mentions are written as, for its display name: those of its open mentions
 * when it has any, so that no name only a protecting cable wrote is shown for it
 * (entities-open-names.ts); else all of them (public mode shows no such entity).
 */
export class EntityNames {
  private readonly all = new Map<string, number>();
  private readonly open = new Map<string, number>();

  add(name: string, isProtected = false): void {
    this.all.set(name, (this.all.get(name) ?? 0) + 1);
    if (!isProtected) this.open.set(name, (this.open.get(name) ?? 0) + 1);
  }

  display(): string {
    return displayName(this.open.size > 0 ? this.open : this.all);
  }
}

/** Display names of the entities placed (see EntityNames and displayName). */
export function displayNames(
  mentions: readonly Pick<MentionFacts, "name" | "protected">[],
  out: readonly Pick<Placement, "entityId">[],
): Map<string, string> {
  const counts = new Map<string, EntityNames>();
  mentions.forEach((m, i) => {
    const id = out[i]!.entityId;
    let c = counts.get(id);
    if (!c) {
      c = new EntityNames();
      counts.set(id, c);
    }
    c.add(m.name, m.protected === true);
  });
  const names = new Map<string, string>();
  for (const [id, c] of counts) names.set(id, c.display());
  return names;
}

/**
 * The display name of one entity, from the times each name of its mentions is written: a full name
 * before a surname, prose case before capitals, then the most written.
 */
export function displayName(counts: ReadonlyMap<string, number>): string {
  const ranked = [...counts.entries()].sort(
    (a, b) =>
      Number(/\S\s+\S/.test(b[0])) - Number(/\S\s+\S/.test(a[0])) ||
      Number(isMixedCase(b[0])) - Number(isMixedCase(a[0])) ||
      b[1] - a[1] ||
      b[0].length - a[0].length ||
      (a[0] < b[0] ? -1 : 1),
  );
  const best = ranked[0]![0];
  return isMixedCase(best) ? best : titleCase(best);
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
  const out = placements(mentions, ownersOf);
  return { placements: out, names: displayNames(mentions, out) };
}

/** The placements alone (resolution writes display names per entity, from all its mentions). */
export function placements(
  mentions: readonly MentionFacts[],
  ownersOf: OwnersOf | null = null,
): Placement[] {
  const out: Placement[] = new Array(mentions.length);
  const byType: Record<EntityType, number[]> = { person: [], org: [], place: [] };
  mentions.forEach((m, i) => {
    byType[m.type].push(i);
  });
  resolvePersons(mentions, out, byType.person);
  nameByOpenMentions(mentions, out, byType.person);
  resolveNamed("org", mentions, out, byType.org, ownersOf);
  resolveNamed("place", mentions, out, byType.place, ownersOf);
  return out;
}
