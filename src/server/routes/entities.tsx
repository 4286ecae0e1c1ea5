/**
 * People, organisations and places: `/entities?q=&type=` (lookup by name), `/entities/:id` (the
 * entity's page; `?format=json` gives its data), and the API `/api/entities?q=&type=`,
 * `/api/entities/:id`, the entity list as CSV and the people's co-mention network as GEXF.
 * Registered before the API's catch-all. Public mode is applied by the store (entities-read.ts).
 */
import type { Context, Hono } from "hono";
import { comentionGexf, entitiesCsv } from "../../export/entities.js";
import { type EntityListData, entityData, entityList } from "../data/entity.js";
import {
  entityIdParam,
  entityListParams,
  entityNetworkParams,
  entityPageParams,
  queryParams,
  validate,
} from "../params.js";
import { EntityListPage, EntityPage } from "../views/entity-page.js";
import { respond, type SqliteDeps, viewContext } from "./page.js";

type EntityTypeParam = "person" | "org" | "place";

/** Entities listed when no `limit` is given: the page and the API list the same ones. */
const DEFAULT_LIMIT = 100;

/** The lookup's data: what `/entities` renders and `/entities?format=json` and the API answer. */
function entityListResource(c: Context, deps: SqliteDeps): EntityListData {
  const p = queryParams(c, entityListParams);
  const type = (p.type ?? null) as EntityTypeParam | null;
  return entityList(deps.db, p.q ?? "", type, p.limit ?? DEFAULT_LIMIT);
}

/** One entity's data: what `/entities/:id` renders and its JSON twins answer. */
function entityResource(c: Context, deps: SqliteDeps) {
  const p = queryParams(c, entityPageParams);
  return entityData(deps.db, validate(entityIdParam, c.req.param("id"), "id"), p.after);
}

export function registerEntities(app: Hono, deps: SqliteDeps): void {
  const { db } = deps;

  app.get("/entities", (c) => {
    const data = entityListResource(c, deps);
    return respond(c, data, () => (
      <EntityListPage
        ctx={viewContext(c, deps)}
        q={data.q}
        type={data.type}
        entities={data.entities}
      />
    ));
  });

  app.get("/entities/:id", (c) => {
    const data = entityResource(c, deps);
    return respond(c, data, () => <EntityPage ctx={viewContext(c, deps)} data={data} />);
  });

  app.get("/api/entities", (c) => c.json(entityListResource(c, deps)));

  app.get("/api/entities/export.csv", (c) => {
    const p = queryParams(c, entityListParams);
    const type = (p.type ?? null) as EntityTypeParam | null;
    return c.body(entitiesCsv(db, p.q ?? "", type), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="cablegram-entities.csv"',
    });
  });

  app.get("/api/entities/network.gexf", (c) => {
    const p = queryParams(c, entityNetworkParams);
    return c.body(comentionGexf(db, { maxNodes: p.limit ?? 300, minCables: p.min ?? 1 }), 200, {
      "content-type": "application/gexf+xml; charset=utf-8",
      "content-disposition": 'attachment; filename="cablegram-people.gexf"',
    });
  });

  app.get("/api/entities/:id", (c) => c.json(entityResource(c, deps)));
}
