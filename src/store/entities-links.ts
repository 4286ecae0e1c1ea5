import type { MentionFacts, Placement } from "./entities-facts.js";

/**
 * How a surname-only mention links to a full-name entity of its surname (entities-persons.ts):
 * by post and period, by title, by initial, and for a signature by the post's staff only.
 */

/** Years apart within which two mentions at one post (or in one role) are the same period. */
export const PERIOD_YEARS = 2;

/** A full name this many times more often at the post and period than all others is meant. */
export const DOMINANT = 4;

/**
 * Titles of who heads or runs a post (folded): a full name holding one there is the post's staff
 * as much as a Classified-By name is, for the post's signatures.
 */
export const MISSION_TITLES = new Set([
  "ambassador",
  "amb",
  "amb.",
  "ambassador-designate",
  "charge",
  "charge d'affaires",
  "charge d'affaires a.i.",
  "cda",
  "dcm",
  "deputy chief of mission",
  "consul general",
  "congen",
  "principal officer",
]);

export interface FullEntity {
  id: string;
  given: string;
  /** station → year → mentions there that year. */
  posts: Map<string, Map<number, number>>;
  /** The same, counting only mentions that sign the cable or are US staff (Classified-By, titles). */
  staff: Map<string, Map<number, number>>;
  /** folded role → years held. */
  roles: Map<string, Set<number>>;
}

function near(years: ReadonlySet<number> | undefined, year: number | null): boolean {
  if (!years || year === null) return false;
  for (const y of years) if (Math.abs(y - year) <= PERIOD_YEARS) return true;
  return false;
}

/** Mentions at a post within the period of `year`. */
export function namedNear(
  years: ReadonlyMap<number, number> | undefined,
  year: number | null,
): number {
  if (!years || year === null) return 0;
  let n = 0;
  for (const [y, count] of years) if (Math.abs(y - year) <= PERIOD_YEARS) n += count;
  return n;
}

/** One candidate named far more often at the post than all others together, by index. */
function dominant(named: readonly number[]): number {
  const total = named.reduce((a, b) => a + b, 0);
  const top = Math.max(...named);
  const first = named.indexOf(top);
  return named.lastIndexOf(top) === first && top >= DOMINANT * (total - top) ? first : -1;
}

/**
 * A signature is the post's own staff: at its post it joins only a full name that signs or is
 * named as US staff (Classified-By, a US title, a chief of mission's title) in the same period,
 * never a namesake the cables name there in passing; failing that, only its title or initial
 * links it (linkByEvidence without the post).
 */
export function linkSigner(m: MentionFacts, cands: readonly FullEntity[]): Placement | null {
  if (!m.station) return null;
  const named = cands.map((e) => namedNear(e.staff.get(m.station!), m.year));
  const post = cands.filter((_, c) => named[c]! > 0);
  if (post.length === 1)
    return { entityId: post[0]!.id, link: `signature, US staff at post (${m.station} ${m.year})` };
  const top = post.length > 1 ? dominant(named) : -1;
  return top >= 0
    ? {
        entityId: cands[top]!.id,
        link: `signature, most named US staff at post (${m.station} ${m.year})`,
      }
    : null;
}

/** Same post and period, then same role, then the initial (entities-rule.ts tells the order). */
export function linkByEvidence(
  m: MentionFacts,
  cands: readonly FullEntity[],
  foldOf: (s: string) => string,
  initial: string | null = null,
  byPost = true,
): Placement | null {
  const named = cands.map((e) =>
    byPost && m.station ? namedNear(e.posts.get(m.station), m.year) : 0,
  );
  const post = cands.filter((_, c) => named[c]! > 0);
  if (post.length === 1)
    return { entityId: post[0]!.id, link: `same post and period (${m.station} ${m.year})` };
  const roles = m.roles.map(foldOf);
  const holds = (e: FullEntity) => roles.some((r) => near(e.roles.get(r), m.year));
  if (post.length > 1) {
    // Several full names at the post: one named far more often there is the one meant, else
    // the only one of them holding the mention's title then.
    const top = dominant(named);
    if (top >= 0)
      return {
        entityId: cands[top]!.id,
        link: `same post and period, most named there (${m.station} ${m.year})`,
      };
    const role = post.filter(holds);
    return role.length === 1
      ? {
          entityId: role[0]!.id,
          link: `same post, period and role (${m.station} ${m.year}, ${m.roles.join(", ")})`,
        }
      : null;
  }
  const role = cands.filter(holds);
  if (role.length === 1)
    return { entityId: role[0]!.id, link: `same role and period (${m.roles.join(", ")})` };
  if (initial && cands.length === 1) return { entityId: cands[0]!.id, link: "initial and surname" };
  return null;
}
