/**
 * Entity exports: the entities found by a name lookup as CSV (one row per entity, its forms joined
 * with `; `), and the people's co-mention network as GEXF 1.3 (people ↔ people, an undirected edge
 * weighted by the number of cables naming both). Over a public-mode connection protected mentions
 * are left out of both, as everywhere (src/store/entities-public.ts).
 */
import type { Db } from "../store/db.js";
import type { EntityType } from "../store/entities-input.js";
import { isPublicMode } from "../store/entities-public.js";
import { type EntitySummary, findEntities } from "../store/entities-read.js";
import { xmlEscape } from "./gexf-write.js";
import { csvRow } from "./index.js";

export const ENTITY_CSV_COLUMNS = [
  "id",
  "type",
  "name",
  "cables",
  "first_created",
  "last_created",
  "forms",
] as const;

export function entitiesCsv(db: Db, q: string, type: EntityType | null, limit = 100_000): string {
  const pub = isPublicMode(db);
  const forms = db.prepare<[string], string>(
    `SELECT form FROM entity_forms WHERE entity_id = ? AND ${pub ? "public_cables" : "cables"} > 0
      ORDER BY ${pub ? "public_cables" : "cables"} DESC, form`,
  );
  return entityCsvOf(findEntities(db, q, { type, limit }), (id) => forms.pluck().all(id));
}

/** The CSV of entities found, each with its forms (most written first): either back end. */
export function entityCsvOf(entities: readonly EntitySummary[], formsOf: (id: string) => string[]) {
  let out = csvRow([...ENTITY_CSV_COLUMNS]);
  for (const e of entities) {
    out += csvRow([
      e.id,
      e.type,
      e.name,
      e.cables,
      e.firstCreated,
      e.lastCreated,
      formsOf(e.id).join("; "),
    ]);
  }
  return out;
}

export interface NetworkOptions {
  /** The most cited people kept as nodes. */
  maxNodes?: number;
  /** Edges need at least this many shared cables. */
  minCables?: number;
}

export function comentionGexf(db: Db, opts: NetworkOptions = {}, date = new Date()): string {
  const pub = isPublicMode(db);
  const people = findEntities(db, "", { type: "person", limit: opts.maxNodes ?? 300 });
  const ids = new Set(people.map((p) => p.id));
  const visible = pub ? "AND a.protected = 0 AND b.protected = 0" : "";
  const edges = db
    .prepare<[string, number], { s: string; t: string; w: number }>(
      `SELECT a.entity_id AS s, b.entity_id AS t, count(DISTINCT a.cable_id) AS w
         FROM mentions a JOIN mentions b ON b.cable_id = a.cable_id AND b.entity_id > a.entity_id
        WHERE a.entity_id IN (SELECT value FROM json_each(?)) AND a.type = 'person'
          AND b.type = 'person' ${visible}
        GROUP BY a.entity_id, b.entity_id HAVING w >= ?
        ORDER BY a.entity_id, b.entity_id`,
    )
    .all(JSON.stringify([...ids]), opts.minCables ?? 1)
    .filter((e) => ids.has(e.t));
  return gexfOf(people, edges, date);
}

/** The co-mention network as GEXF: the people as nodes, the pairs naming both as edges. */
export function gexfOf(
  people: readonly EntitySummary[],
  edges: readonly { s: string; t: string; w: number }[],
  date: Date,
): string {
  let out =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n' +
    `  <meta lastmodifieddate="${date.toISOString().slice(0, 10)}">\n` +
    "    <creator>Cablegram</creator>\n" +
    "    <description>People named together in cables; edge weight: cables naming both</description>\n" +
    "  </meta>\n" +
    '  <graph defaultedgetype="undirected" mode="static">\n' +
    '    <attributes class="node" mode="static">\n' +
    '      <attribute id="cables" title="cables" type="integer"/>\n' +
    "    </attributes>\n" +
    "    <nodes>\n";
  for (const p of people) {
    out += `      <node id="${xmlEscape(p.id)}" label="${xmlEscape(p.name)}"><attvalues><attvalue for="cables" value="${p.cables}"/></attvalues></node>\n`;
  }
  out += "    </nodes>\n    <edges>\n";
  edges.forEach((e, i) => {
    out += `      <edge id="${i}" source="${xmlEscape(e.s)}" target="${xmlEscape(e.t)}" weight="${e.w}"/>\n`;
  });
  return `${out}    </edges>\n  </graph>\n</gexf>\n`;
}
