/**
 * People, organisations and places: `/entities?q=&type=` (lookup by name), `/entities/:id` (the
 * entity's page; `?format=json` gives its data), and the API `/api/entities?q=&type=`,
 * `/api/entities/:id`, the entity list as CSV and the people's co-mention network as GEXF.
 * Registered before the API's catch-all. Public mode is applied by the archive's reads, on either
 * back end.
 */
import type { Context, Hono } from "hono";
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
import { type Deps, respond, viewContext } from "./page.js";

type EntityTypeParam = "person" | "org" | "place";

/** Entities listed when no `limit` is given: the page and the API list the same ones. */
const DEFAULT_LIMIT = 100;

/** The lookup's data: what `/entities` renders and `/entities?format=json` and the API answer. */
function entityListResource(c: Context, deps: Deps): Promise<EntityListData> {
  const p = queryParams(c, entityListParams);
  const type = (p.type ?? null) as EntityTypeParam | null;
  return entityList(deps.archive, p.q ?? "", type, p.limit ?? DEFAULT_LIMIT);
}

/** One entity's data: what `/entities/:id` renders and its JSON twins answer. */
function entityResource(c: Context, deps: Deps) {
  const p = queryParams(c, entityPageParams);
  return entityData(deps.archive, validate(entityIdParam, c.req.param("id"), "id"), p.after);
}

export function registerEntities(app: Hono, deps: Deps): void {
  const { archive } = deps;

  app.get("/entities", async (c) => {
    const data = await entityListResource(c, deps);
    return respond(c, data, () => (
      <EntityListPage
        ctx={viewContext(c, deps)}
        q={data.q}
        type={data.type}
        entities={data.entities}
      />
    ));
  });

  app.get("/entities/:id", async (c) => {
    const data = await entityResource(c, deps);
    return respond(c, data, () => <EntityPage ctx={viewContext(c, deps)} data={data} />);
  });

  app.get("/api/entities", async (c) => c.json(await entityListResource(c, deps)));

  app.get("/api/entities/export.csv", async (c) => {
    const p = queryParams(c, entityListParams);
    const type = (p.type ?? null) as EntityTypeParam | null;
    return c.body(await archive.entitiesCsv(p.q ?? "", type), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="cablegram-entities.csv"',
    });
  });

  app.get("/api/entities/network.gexf", async (c) => {
    const p = queryParams(c, entityNetworkParams);
    const gexf = await archive.entityNetwork({ maxNodes: p.limit ?? 300, minCables: p.min ?? 1 });
    return c.body(gexf, 200, {
      "content-type": "application/gexf+xml; charset=utf-8",
      "content-disposition": 'attachment; filename="cablegram-people.gexf"',
    });
  });

  app.get("/api/entities/:id", async (c) => c.json(await entityResource(c, deps)));
}
