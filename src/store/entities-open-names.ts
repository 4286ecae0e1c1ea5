import type { MentionFacts, Placement } from "./entities-facts.js";
import { resolvePersons } from "./entities-persons.js";

/**
 * Persons are named by what open cables write. Resolution joins a person a cable protects
 * (`Richard Weeks (protect)`) with open mentions of the same person elsewhere (`R. Weeks`,
 * `WEEKS`); the id the rule gives such an entity may hold words only the protecting cable wrote
 * (`person-richard-weeks`, or the formal given name a nickname is read as, or a middle name).
 * Public mode shows the open mentions, and everything showing the id — links, URLs, facets,
 * exports — would show those words: so the id itself must come from open mentions, on every back
 * end and every route alike, not from a view that each reader would have to apply.
 *
 * An entity keeps its id when one of its open mentions, placed by the rule over the group's open
 * mentions alone (as if the protecting cables were not in the archive), gets that same id; else
 * it takes the id its open mentions get most often that way (ties: the first in byte order). Its
 * protected mentions go with it, so local mode still shows them together; an entity with no open
 * mention keeps its id (public mode shows no such entity). An open mention that now sits where it
 * would alone keeps that placement's evidence, which names nothing a protecting cable wrote. The
 * new id can be one the group already has (the surname at the post): the two are then one entity,
 * as they would be without the protecting cables. Display names likewise count open mentions
 * only, when there are any (EntityNames, entities-rule.ts).
 *
 * A group's persons only (entities-rule.ts, mentionKeys): the result depends on the group alone,
 * so full and incremental resolution agree.
 */
export function nameByOpenMentions(
  mentions: readonly MentionFacts[],
  out: Placement[],
  idx: readonly number[],
): void {
  const open = idx.filter((i) => mentions[i]!.protected !== true);
  if (open.length === 0 || open.length === idx.length) return;
  const alone: Placement[] = new Array(mentions.length);
  resolvePersons(mentions, alone, open);
  const votes = new Map<string, Map<string, number>>();
  for (const i of open) {
    const id = out[i]!.entityId;
    let v = votes.get(id);
    if (!v) {
      v = new Map();
      votes.set(id, v);
    }
    const a = alone[i]!.entityId;
    v.set(a, (v.get(a) ?? 0) + 1);
  }
  const renamed = new Map<string, string>();
  for (const [id, v] of votes) {
    if (v.has(id)) continue;
    const best = [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    renamed.set(id, best[0]![0]);
  }
  if (renamed.size === 0) return;
  for (const i of idx) {
    const to = renamed.get(out[i]!.entityId);
    if (!to) continue;
    const own = mentions[i]!.protected !== true && alone[i]!.entityId === to;
    out[i] = { entityId: to, link: own ? alone[i]!.link : out[i]!.link };
  }
}
