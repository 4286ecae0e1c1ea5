/**
 * Public mode names a person only by what open cables write. 09TRIPOLI9004 writes `R. Weeks` and
 * `WEEKS` openly; 07TRIPOLI1053 protects the same man as `Richard Weeks`, and resolution joins
 * them (initial and surname). No public answer about the open cable or the entity — reader, page,
 * lists, lookups, facets, exports, the entity's id in its links — may then show a word that only
 * protected mentions wrote (`Richard`; across the fixture also `Jim`, `Thompson`, `Ségolène`...),
 * while the open forms stay. Local mode still shows the protected form. Run on both back ends.
 */
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.js";
import { fold, significantWords } from "../../src/store/entity-names.js";
import { ANNOTATIONS, protectedServersHooks } from "../entities/protected-archive.js";
import { serverBackends } from "./backends.js";

/** Folded words protected persons are written with that no open mention of the archive writes. */
const PROTECTED_ONLY: string[] = (() => {
  const persons = Object.values(ANNOTATIONS).flatMap((e) => e.persons);
  const words = (prot: boolean) =>
    new Set(
      significantWords(
        persons.filter((p) => p.protected === prot).flatMap((p) => [p.name, ...p.variants]),
      ),
    );
  const open = words(false);
  return [...words(true)].filter((w) => !open.has(w));
})();

function protectedOnlyIn(body: string): string[] {
  const folded = fold(body.normalize("NFC"));
  return PROTECTED_ONLY.filter((w) =>
    new RegExp(`(?<![\\p{L}])${w}(?![\\p{L}])`, "u").test(folded),
  );
}

async function get(server: RunningServer, path: string) {
  const res = await fetch(new URL(path, server.url), { redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

interface Mention {
  entityId: string;
  name: string;
}

/** The entity the open cable's `R. Weeks` is placed in, as the server gives it. */
async function weeksId(server: RunningServer): Promise<string> {
  const r = await get(server, "/api/cables/09TRIPOLI9004");
  const cable = JSON.parse(r.body) as { mentions: Mention[] };
  const weeks = cable.mentions.find((p) => p.name === "R. Weeks");
  expect(weeks?.entityId).toMatch(/^person-/);
  return weeks!.entityId;
}

describe.each(serverBackends("public mode's names on PostgreSQL"))(
  "public mode on %s: names only open cables write",
  (backend) => {
    const servers = protectedServersHooks("cablegram-names-", backend);

    it("the fixture protects words no open cable writes", () => {
      expect(PROTECTED_ONLY).toContain("richard");
      expect(PROTECTED_ONLY).not.toContain("weeks");
    });

    it("shows the open forms, and no protected-only word, wherever the entity appears", async () => {
      const id = await weeksId(servers.pub);
      expect(id).toBe(await weeksId(servers.local));
      const paths = [
        "/cables/09TRIPOLI9004",
        "/cables/09TRIPOLI9004?format=json",
        "/api/cables/09TRIPOLI9004",
        `/entities/${id}`,
        `/entities/${id}?format=json`,
        `/api/entities/${id}`,
        "/entities?q=weeks",
        "/api/entities?q=weeks",
        "/api/entities?type=person&limit=500",
        "/api/search?q=09TRIPOLI9004",
        "/search?q=weeks",
        "/api/entities/export.csv",
        "/api/entities/export.csv?q=weeks",
        "/api/entities/network.gexf",
      ];
      const leaks: string[] = [];
      for (const path of paths) {
        const r = await get(servers.pub, path);
        expect(r.status, path).toBe(200);
        for (const w of protectedOnlyIn(r.body)) leaks.push(`${path}: ${w}`);
      }
      expect(leaks).toEqual([]);
      // The open forms are there: the reader links them, the page lists them and is named by them.
      const reader = await get(servers.pub, "/cables/09TRIPOLI9004");
      expect(reader.body).toContain(`href="/entities/${id}"`);
      expect(reader.body).toContain("R. Weeks");
      const page = JSON.parse((await get(servers.pub, `/api/entities/${id}`)).body) as {
        name: string;
        forms: { form: string }[];
        roles: { role: string }[];
        cableList: { referenceId: string }[];
      };
      // The role only the protecting cable gives him is no more shown than his given name.
      expect(page.roles.map((r) => r.role)).toEqual(["site manager"]);
      expect(page.name).toBe("R. Weeks");
      expect(page.forms.map((f) => f.form).sort()).toEqual(["R. Weeks", "WEEKS"]);
      expect(page.cableList.map((c) => c.referenceId)).toEqual(["09TRIPOLI9004"]);
      const csv = await get(servers.pub, "/api/entities/export.csv?q=weeks");
      expect(csv.body).toContain(id);
      expect(csv.body).toContain("R. Weeks");
      const gexf = await get(servers.pub, "/api/entities/network.gexf");
      expect(gexf.body).toContain(`label="R. Weeks"`);
    });

    it("finds nothing by a protected-only word, nor under the id it would give", async () => {
      for (const w of PROTECTED_ONLY) {
        const list = JSON.parse((await get(servers.pub, `/api/entities?q=${w}`)).body) as {
          entities: unknown[];
        };
        expect(list.entities, w).toEqual([]);
      }
      // Nor does a name field: `person:richard` would tie the protected name to the open cable.
      const hits = async (server: RunningServer, q: string) =>
        (
          JSON.parse((await get(server, `/api/search?q=${encodeURIComponent(q)}`)).body) as {
            hits: { referenceId: string }[];
          }
        ).hits.map((h) => h.referenceId);
      for (const q of ["person:richard", "person:rich*", 'person:"Richard Weeks"']) {
        expect(await hits(servers.pub, q), q).toEqual([]);
        expect(await hits(servers.local, q), q).toContain("09TRIPOLI9004");
      }
      expect(await hits(servers.pub, "person:weeks")).toEqual(["09TRIPOLI9004"]);
      const byName = await get(servers.pub, "/api/entities/person-richard-weeks");
      expect(byName.status).toBe(404);
      // The suggestions of a missing entity are looked up by the words of the id asked for.
      expect(protectedOnlyIn(byName.body.replace("person-richard-weeks", ""))).toEqual([]);
      const suggested = JSON.parse(byName.body) as { suggestions?: string[] };
      for (const s of suggested.suggestions ?? []) expect(protectedOnlyIn(s)).toEqual([]);
    });

    it("shows the protected form in local mode", async () => {
      const id = await weeksId(servers.local);
      const page = JSON.parse((await get(servers.local, `/api/entities/${id}`)).body) as {
        forms: { form: string }[];
        roles: { role: string }[];
        cableList: { referenceId: string }[];
      };
      expect(page.forms.map((f) => f.form)).toContain("Richard Weeks");
      expect(page.roles.map((r) => r.role).sort()).toEqual(["country director", "site manager"]);
      expect(page.cableList.map((c) => c.referenceId).sort()).toEqual([
        "07TRIPOLI1053",
        "09TRIPOLI9004",
      ]);
      const found = JSON.parse((await get(servers.local, "/api/entities?q=richard")).body) as {
        entities: { id: string }[];
      };
      expect(found.entities.map((e) => e.id)).toContain(id);
      const reader = await get(servers.local, "/cables/07TRIPOLI1053");
      expect(reader.body).toContain("Richard Weeks");
      expect(reader.body).toContain(`href="/entities/${id}"`);
    });
  },
);
