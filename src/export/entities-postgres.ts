/**
 * The entity exports of src/export/entities.ts (the entity list as CSV, the people's co-mention
 * network as GEXF) from an archive on PostgreSQL: the same rows from the same tables
 * (src/store/postgres/entities-read.ts), written by the same code.
 */
import type { EntityType } from "../store/entities-input.js";
import type { Sql } from "../store/postgres/connect.js";
import {
  comentionEdgesPg,
  entityFormsPg,
  findEntitiesPg,
} from "../store/postgres/entities-read.js";
import { entityCsvOf, gexfOf, type NetworkOptions } from "./entities.js";

export async function entitiesCsvPostgres(
  sql: Sql,
  q: string,
  type: EntityType | null,
  pub: boolean,
  limit = 100_000,
): Promise<string> {
  const found = await findEntitiesPg(sql, q, pub, { type, limit });
  const forms = await entityFormsPg(
    sql,
    found.map((e) => e.id),
    pub,
  );
  return entityCsvOf(found, (id) => forms.get(id) ?? []);
}

export async function comentionGexfPostgres(
  sql: Sql,
  pub: boolean,
  opts: NetworkOptions = {},
  date = new Date(),
): Promise<string> {
  const people = await findEntitiesPg(sql, "", pub, {
    type: "person",
    limit: opts.maxNodes ?? 300,
  });
  const edges = await comentionEdgesPg(
    sql,
    people.map((p) => p.id),
    opts.minCables ?? 1,
    pub,
  );
  return gexfOf(people, edges, date);
}
