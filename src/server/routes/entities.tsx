/**
 * People, organisations and places: `/entities?q=&type=` (lookup by name), `/entities/:id` (the
 * entity's page; `?format=json` gives its data), and the API `/api/entities?q=&type=`,
 * `/api/entities/:id`, the entity list as CSV and the people's co-mention network as GEXF.
 * Registered before the API's catch-all. Public mode is applied by the store (entities-read.ts).
 */
import type { Hono } from "hono";
import { z } from "zod";
import { comentionGexf, entitiesCsv } from "../../export/entities.js";
import { ENTITY_TYPES } from "../../store/entities-input.js";
import { entityData, entityList } from "../data/entity.js";
import { formatParam, queryParams, validate } from "../params.js";
import { EntityListPage, EntityPage } from "../views/entity-page.js";
import { type Deps, respond, viewContext } from "./page.js";

const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), s.optional());

const name = z
  .string()
  .max(200, "at most 200 characters")
  .refine((s) => !/\p{Cc}/u.test(s), { message: "control characters are not allowed" });

const listParams = z.object({
  q: optional(name),
  type: optional(
    z.enum(ENTITY_TYPES as [string, ...string[]], { message: "person, org or place" }),
  ),
  limit: optional(
    z
      .string()
      .regex(/^\d{1,4}$/, "a whole number")
      .transform(Number)
      .pipe(z.number().min(1, "at least 1").max(500, "at most 500")),
  ),
  format: formatParam,
});

const networkParams = z.object({
  limit: listParams.shape.limit,
  min: optional(
    z
      .string()
      .regex(/^\d{1,4}$/, "a whole number")
      .transform(Number)
      .pipe(z.number().min(1, "at least 1").max(1000, "at most 1000")),
  ),
});

const entityId = z.string().regex(/^(?:person|org|place)-[a-z0-9-]{1,80}$/, "not an entity id");

type EntityTypeParam = "person" | "org" | "place";

export function registerEntities(app: Hono, deps: Deps): void {
  const { db } = deps;

  app.get("/entities", (c) => {
    const p = queryParams(c, listParams);
    const type = (p.type ?? null) as EntityTypeParam | null;
    const data = entityList(db, p.q ?? "", type, p.limit ?? 100);
    return respond(c, data, () => (
      <EntityListPage ctx={viewContext(c, deps)} q={data.q} type={type} entities={data.entities} />
    ));
  });

  app.get("/entities/:id", (c) => {
    const id = validate(entityId, c.req.param("id"), "id");
    const data = entityData(db, id);
    return respond(c, data, () => <EntityPage ctx={viewContext(c, deps)} data={data} />);
  });

  app.get("/api/entities", (c) => {
    const p = queryParams(c, listParams);
    const type = (p.type ?? null) as EntityTypeParam | null;
    return c.json(entityList(db, p.q ?? "", type, p.limit ?? 20));
  });

  app.get("/api/entities/export.csv", (c) => {
    const p = queryParams(c, listParams);
    const type = (p.type ?? null) as EntityTypeParam | null;
    return c.body(entitiesCsv(db, p.q ?? "", type), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="cablegram-entities.csv"',
    });
  });

  app.get("/api/entities/network.gexf", (c) => {
    const p = queryParams(c, networkParams);
    return c.body(comentionGexf(db, { maxNodes: p.limit ?? 300, minCables: p.min ?? 1 }), 200, {
      "content-type": "application/gexf+xml; charset=utf-8",
      "content-disposition": 'attachment; filename="cablegram-people.gexf"',
    });
  });

  app.get("/api/entities/:id", (c) => {
    const id = validate(entityId, c.req.param("id"), "id");
    return c.json(entityData(db, id));
  });
}
