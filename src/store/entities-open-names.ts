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
 * An entity keeps its id when one of its open mentions gets that same id from open mentions only:
 * placed by the rule over the group's open mentions (as if the protecting cables were not in the
 * archive), or over itself alone (its own form and the reference tables: a surname at its post).
 * Else it takes the id its open mentions get most often over themselves alone (ties: the first in
 * byte order), not over the group: that could join the protected person to someone else the open
 * mentions alone would point at (`Robert Weeks` for `R. Weeks`). Its protected mentions go with
 * it, so local mode still shows them together; an entity with no open mention keeps its id (public
 * mode shows no such entity). An open mention that now sits where it would alone keeps that
 * placement's evidence, which names nothing a protecting cable wrote. The new id can be one the
 * group already has (the surname at the post): the two are then one entity. Display names
 * likewise count open mentions only, when there are any (EntityNames, entities-rule.ts).
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
  const group: Placement[] = new Array(mentions.length);
  resolvePersons(mentions, group, open);
  const supported = new Set<string>();
  for (const i of open)
    if (group[i]!.entityId === out[i]!.entityId) supported.add(group[i]!.entityId);
  const self: Placement[] = new Array(mentions.length);
  const votes = new Map<string, Map<string, number>>();
  for (const i of open) {
    const id = out[i]!.entityId;
    if (supported.has(id)) continue;
    resolvePersons(mentions, self, [i]);
    const own = self[i]!.entityId;
    if (own === id) {
      supported.add(id);
      continue;
    }
    let v = votes.get(id);
    if (!v) {
      v = new Map();
      votes.set(id, v);
    }
    v.set(own, (v.get(own) ?? 0) + 1);
  }
  const renamed = new Map<string, string>();
  for (const [id, v] of votes) {
    if (supported.has(id)) continue;
    const best = [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    renamed.set(id, best[0]![0]);
  }
  if (renamed.size === 0) return;
  for (const i of idx) {
    const to = renamed.get(out[i]!.entityId);
    if (!to) continue;
    const own = mentions[i]!.protected !== true && self[i]?.entityId === to;
    out[i] = { entityId: to, link: own ? self[i]!.link : out[i]!.link };
  }
}
