/**
 * Public mode withholds, beside a protected person, every name sharing a word with them: in
 * 10TRIPOLI9006 `Segolene Dupre-Nassar` is protected and her brother `Karim Dupre-Nassar` and his
 * firm `Dupre-Nassar Consulting` are named openly; 09TRIPOLI9005 names both openly. Their entity
 * pages, counts, lookups, facets, searches, exports and the network would otherwise lead from the
 * masked word to the protecting cable, and the reader's `her brother Karim [withheld]` would name
 * the family by its clue. So in public mode the protecting cable is gone from both entities, its
 * lists leave them out, and Karim's name is masked whole in it; local mode still shows it all.
 * Run on both back ends.
 */
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.js";
import { fold } from "../../src/store/entity-names.js";
import { NAMESAKES, OPEN, PROTECTING } from "../entities/namesakes-archive.js";
import { protectedServersHooks, searchHits } from "../entities/protected-archive.js";
import { serverBackends } from "./backends.js";

async function get(server: RunningServer, path: string) {
  const res = await fetch(new URL(path, server.url), { redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

async function json<T>(server: RunningServer, path: string): Promise<T> {
  const r = await get(server, path);
  expect(r.status, path).toBe(200);
  return JSON.parse(r.body) as T;
}

interface Listed {
  name: string;
}
interface CableAnswer {
  persons: Listed[];
  organizations: Listed[];
  mentions: { entityId: string; name: string }[];
  body: string;
}
interface EntityAnswer {
  cables: number;
  cableList: { referenceId: string }[];
}

/** The entity the open cable places a name in. */
async function entityOf(server: RunningServer, name: string): Promise<string> {
  const c = await json<CableAnswer>(server, `/api/cables/${OPEN}`);
  const m = c.mentions.find((x) => x.name === name);
  expect(m, name).toBeDefined();
  return m!.entityId;
}

describe.each(serverBackends("public mode's namesakes on PostgreSQL"))(
  "public mode on %s: names sharing a word with a protected one",
  (backend) => {
    const servers = protectedServersHooks("cablegram-namesakes-", backend, NAMESAKES);

    it("local mode places the open and the protecting cable in one person and one firm", async () => {
      for (const name of ["Karim Dupre-Nassar", "Dupre-Nassar Consulting"]) {
        const id = await entityOf(servers.local, name);
        const e = await json<EntityAnswer>(servers.local, `/api/entities/${id}`);
        expect(e.cableList.map((c) => c.referenceId).sort()).toEqual([OPEN, PROTECTING]);
      }
      expect(await searchHits(servers.local, 'person:"karim dupre-nassar"')).toContain(PROTECTING);
    });

    it("leaves the protecting cable out of their pages, counts, lookups and exports", async () => {
      for (const name of ["Karim Dupre-Nassar", "Dupre-Nassar Consulting"]) {
        const id = await entityOf(servers.pub, name);
        const e = await json<EntityAnswer>(servers.pub, `/api/entities/${id}`);
        expect(e.cables).toBe(1);
        expect(e.cableList.map((c) => c.referenceId)).toEqual([OPEN]);
        for (const path of [
          `/entities/${id}`,
          `/api/entities?q=${encodeURIComponent("dupre-nassar")}`,
          "/api/entities/export.csv",
          "/api/entities/network.gexf?min=1",
        ]) {
          const r = await get(servers.pub, path);
          expect(r.status, path).toBe(200);
          expect(r.body, path).not.toContain(PROTECTING);
        }
        const list = await json<{ entities: { id: string; cables: number }[] }>(
          servers.pub,
          `/api/entities?q=${encodeURIComponent(name)}`,
        );
        expect(list.entities.find((x) => x.id === id)?.cables).toBe(1);
      }
    });

    it("finds the protecting cable by none of their names, fields or facets", async () => {
      for (const q of [
        'person:"karim dupre-nassar"',
        "person:karim",
        "person:dupre-nassar",
        'org:"dupre-nassar consulting"',
        "org:consulting",
        "karim",
        "dupre-nassar",
        '"Karim Dupre-Nassar"',
      ]) {
        expect(await searchHits(servers.pub, q), q).not.toContain(PROTECTING);
      }
      for (const name of ["Karim Dupre-Nassar", "Dupre-Nassar Consulting"]) {
        const id = await entityOf(servers.pub, name);
        expect(await searchHits(servers.pub, `${id.split("-")[0]}:${id}`), id).toEqual([OPEN]);
      }
      const facets = await get(servers.pub, `/api/search?q=${PROTECTING}`);
      expect(fold(facets.body)).not.toMatch(/karim|nassar/);
      expect(await searchHits(servers.pub, "person:karim")).toContain(OPEN);
    });

    it("masks the brother whole in the protecting cable and lists neither him nor the firm", async () => {
      const c = await json<CableAnswer>(servers.pub, `/api/cables/${PROTECTING}`);
      expect(c.persons.map((p) => p.name)).toEqual(["Gene Cretz"]);
      expect(c.organizations).toEqual([]);
      expect(c.mentions.map((m) => m.name)).toEqual(["Gene Cretz"]);
      for (const path of [`/cables/${PROTECTING}`, `/api/cables/${PROTECTING}`]) {
        const r = await get(servers.pub, path);
        expect(fold(r.body), path).not.toMatch(/karim|nassar|segolene/);
      }
      const local = await json<CableAnswer>(servers.local, `/api/cables/${PROTECTING}`);
      expect(local.persons.map((p) => p.name)).toContain("Karim Dupre-Nassar");
    });
  },
);
