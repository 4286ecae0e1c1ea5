/**
 * An entity's page aggregates (entity_stats rows), as one SQL statement over the placed mentions
 * of a source: the whole archive for a full build (one sequential pass, grouped by SQLite's
 * sorter rather than in JS memory), or one entity. The live page (entity-summary-live.ts)
 * computes the same from an entity's mentions.
 *
 * A source is a table or subquery with the columns entity_id, cable_id, protected, roles, link,
 * created, station, month: a placed mention with its cable's facts.
 */

/** The evidence a link gives, without its particulars (`same post (Almaty 2005)` → `same post`). */
export const linkRule = (link: string | null): string => (link ?? "").replace(/ \(.*\)$/, "");

/** linkRule in SQL: from the first ` (` when the link ends with `)`, as the regular expression. */
export const linkRuleSql = (link = "link"): string => `CASE WHEN ${link} LIKE '%)'
  AND instr(${link}, ' (') > 0 THEN substr(${link}, 1, instr(${link}, ' (') - 1)
  ELSE coalesce(${link}, '') END`;
const LINK_RULE_SQL = linkRuleSql();

/** A role row's key: the role, a tab and the station (or ''): a cable has one station. */
export const ROLE_SEP = "\t";

const COUNTS = `count(DISTINCT cable_id),
       count(DISTINCT CASE WHEN protected = 0 THEN cable_id END)`;

/**
 * Inserts the entity_stats rows of every entity in `source`: each post, month, rule and (role,
 * station) with its cables and its public cables, which leave out the cables protecting the
 * entity, so a protected mention is in no public count, list or histogram.
 */
export function statsInsert(source: string): string {
  return `INSERT INTO entity_stats (entity_id, kind, key, cables, public_cables, first, last,
                                    public_first, public_last)
    SELECT * FROM (
      SELECT entity_id, 'post', station, ${COUNTS}, NULL, NULL, NULL, NULL
        FROM ${source} WHERE station <> '' GROUP BY entity_id, station
      UNION ALL
      SELECT entity_id, 'month', month, ${COUNTS}, NULL, NULL, NULL, NULL
        FROM ${source} WHERE month <> '' GROUP BY entity_id, month
      UNION ALL
      SELECT entity_id, 'link', ${LINK_RULE_SQL}, ${COUNTS}, NULL, NULL, NULL, NULL
        FROM ${source} GROUP BY entity_id, ${LINK_RULE_SQL}
      UNION ALL
      SELECT entity_id, 'role', r.value || char(9) || coalesce(station, ''), ${COUNTS},
             min(created), max(created),
             min(CASE WHEN protected = 0 THEN created END),
             max(CASE WHEN protected = 0 THEN created END)
        FROM ${source}, json_each(roles) r GROUP BY entity_id, r.value, coalesce(station, '')
    ) ORDER BY 1, 2, 3`;
}

/** A source: the placed mentions matching `where`, with their cable's facts. */
export function mentionSource(where: string): string {
  return `(SELECT m.entity_id, m.cable_id, m.seq, m.type, m.protected, m.roles, m.link,
                  c.created, c.station, c.month
             FROM mentions m JOIN cables c ON c.id = m.cable_id WHERE ${where})`;
}
