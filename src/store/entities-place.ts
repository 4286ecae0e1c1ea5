import { type MentionFacts, type OwnersOf, placements } from "./entities-rule.js";
import {
  groupOrder,
  Pool,
  PROTECTED,
  type Scan,
  SIGNED,
  SPLIT_MIN_MENTIONS,
  sharedInts,
  TYPES,
  US_OFFICIAL,
} from "./entities-scan.js";

/**
 * The rule applied to every group of a full run's scan (entities-full.ts): each group's mentions
 * as facts, placed, and their placements kept as pool ids. With a second thread (entities-thread.ts)
 * the groups are split in two by mentions: it places the later groups with pools of its own while
 * this thread places the earlier, and its strings are taken here in the order it met them, so every
 * id is the one a single pass over the groups gives (a group's placement depends on the group and
 * the archive-wide owners only).
 */

/** Where each mention goes, as pool ids (the scan's `entities` and `links`). */
export interface Placed {
  entity: Int32Array;
  link: Int32Array;
  changed: number;
}

/** What placing reads of the scan: plain data a second thread can be handed. */
export type PlaceInput = Pick<
  Scan,
  | "n"
  | "cable"
  | "flags"
  | "roles"
  | "combo"
  | "comboType"
  | "comboName"
  | "comboVariants"
  | "comboGroup"
  | "station"
  | "year"
  | "created"
  | "owners"
  | "list"
> & { names: readonly string[]; groups: number };

function ownersOver(s: PlaceInput): OwnersOf {
  const sets = new Map<string, ReadonlySet<string>>();
  return (type, variant) => {
    const at = `${type}\u0000${variant}`;
    let set = sets.get(at);
    if (!set) {
      const m = s.owners.get(at);
      if (!m) return undefined;
      set = new Set(m.keys());
      sets.set(at, set);
    }
    return set;
  };
}

export function groupsOf(s: PlaceInput): { order: Int32Array; start: Int32Array } {
  return groupOrder(s.n, s.groups, (i) => s.comboGroup[s.combo[i]!]!);
}

/**
 * Places the groups [g0, g1) into `entity` and `link` as ids of `entities` and `links`; returns
 * how many mentions `moved` says changed.
 */
export function placeGroups(
  s: PlaceInput,
  grouped: { order: Int32Array; start: Int32Array },
  g0: number,
  g1: number,
  out: { entity: Int32Array; link: Int32Array; entities: Pool; links: Pool },
  moved: (i: number, entity: number, link: number) => boolean,
): number {
  const { order, start } = grouped;
  const ownersOf = ownersOver(s);
  const { entity, link, entities, links } = out;
  let changed = 0;
  for (let g = g0; g < g1; g++) {
    const from = start[g]!;
    const facts: MentionFacts[] = new Array(start[g + 1]! - from);
    for (let k = 0; k < facts.length; k++) {
      const i = order[from + k]!;
      const c = s.cable[i]!;
      const combo = s.combo[i]!;
      const flags = s.flags[i]!;
      facts[k] = {
        type: TYPES[s.comboType[combo]!]!,
        name: s.names[s.comboName[combo]!]!,
        variants: s.list(s.comboVariants[combo]!),
        roles: s.list(s.roles[i]!),
        station: s.station[c]!,
        year: s.year[c]!,
        date: s.created[c]!,
        signed: (flags & SIGNED) !== 0,
        usOfficial: (flags & US_OFFICIAL) !== 0,
        protected: (flags & PROTECTED) !== 0,
      };
    }
    const placed = placements(facts, ownersOf);
    // A group's mentions mostly go to one entity by one rule: comparing with the last costs less
    // than a pool lookup (hashing a new string) per mention.
    let lastEntity: string | null = null;
    let lastLink: string | null = null;
    let e = -1;
    let l = -1;
    for (let k = 0; k < facts.length; k++) {
      const i = order[from + k]!;
      const p = placed[k]!;
      if (p.entityId !== lastEntity) {
        lastEntity = p.entityId;
        e = entities.id(lastEntity);
      }
      if (p.link !== lastLink) {
        lastLink = p.link;
        l = links.id(lastLink);
      }
      entity[i] = e;
      link[i] = l;
      if (moved(i, e, l)) changed++;
    }
  }
  return changed;
}

/** A second thread that places the groups from a given one on (entities-thread.ts). */
export interface PlaceHelper {
  startPlace(request: PlaceRequest): void;
  waitPlace(): PlaceAnswer;
}

export interface PlaceRequest {
  input: Omit<PlaceInput, "list"> & { lists: readonly string[] };
  /** The placements stored before the run (pool ids, -1 none) and their strings. */
  stored: {
    entity: Int32Array;
    link: Int32Array;
    entities: readonly string[];
    links: readonly string[];
  };
  from: number;
  entity: Int32Array;
  link: Int32Array;
}

export interface PlaceAnswer {
  entities: string[];
  links: string[];
  changed: number;
}

/** The helper's side: its groups placed with pools of its own, strings compared for `changed`. */
export function placeRequested(r: PlaceRequest): PlaceAnswer {
  const parsed: (string[] | undefined)[] = [];
  const input: PlaceInput = {
    ...r.input,
    list: (id) => {
      let l = parsed[id];
      if (!l) {
        l = JSON.parse(r.input.lists[id]!) as string[];
        parsed[id] = l;
      }
      return l;
    },
  };
  const entities = new Pool();
  const links = new Pool();
  const { stored } = r;
  const changed = placeGroups(
    input,
    groupsOf(input),
    r.from,
    input.groups,
    { entity: r.entity, link: r.link, entities, links },
    (i, e, l) =>
      entities.strings[e] !== stored.entities[stored.entity[i]!] ||
      links.strings[l] !== stored.links[stored.link[i]!],
  );
  return { entities: entities.strings, links: links.strings, changed };
}

/** Every group resolved by the rule, with the owners counted over the whole archive. */
export function placeAll(
  s: Scan,
  helper: PlaceHelper | null = null,
  splitMin = SPLIT_MIN_MENTIONS,
): Placed {
  const input: PlaceInput = {
    n: s.n,
    cable: s.cable,
    flags: s.flags,
    roles: s.roles,
    combo: s.combo,
    comboType: s.comboType,
    comboName: s.comboName,
    comboVariants: s.comboVariants,
    comboGroup: s.comboGroup,
    station: s.station,
    year: s.year,
    created: s.created,
    owners: s.owners,
    list: s.list,
    names: s.names.strings,
    groups: s.groupKeys.length,
  };
  const grouped = groupsOf(input);
  const entity = sharedInts(s.n);
  const link = sharedInts(s.n);
  const out = { entity, link, entities: s.entities, links: s.links };
  const moved = (i: number, e: number, l: number) => e !== s.entity[i] || l !== s.link[i];
  // The first group with half the mentions before it.
  let split = input.groups;
  if (helper && s.n >= splitMin) {
    split = 0;
    while (split < input.groups && grouped.start[split]! * 2 < s.n) split++;
  }
  if (split === input.groups) {
    const changed = placeGroups(input, grouped, 0, split, out, moved);
    return { entity, link, changed };
  }
  const { list: _, ...plain } = input;
  helper!.startPlace({
    input: { ...plain, lists: s.lists.strings },
    stored: {
      entity: s.entity,
      link: s.link,
      entities: [...s.entities.strings],
      links: [...s.links.strings],
    },
    from: split,
    entity,
    link,
  });
  let changed: number;
  let theirs: PlaceAnswer;
  try {
    changed = placeGroups(input, grouped, 0, split, out, moved);
  } finally {
    // Waited for even when this half failed: the helper's thread is not left placing.
    theirs = helper!.waitPlace();
  }
  const entityIds = Int32Array.from(theirs.entities, (x) => s.entities.id(x));
  const linkIds = Int32Array.from(theirs.links, (x) => s.links.id(x));
  const { order, start } = grouped;
  for (let k = start[split]!; k < s.n; k++) {
    const i = order[k]!;
    entity[i] = entityIds[entity[i]!]!;
    link[i] = linkIds[link[i]!]!;
  }
  return { entity, link, changed: changed + theirs.changed };
}
