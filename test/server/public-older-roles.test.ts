/**
 * Roles only an older version of a cable gives. 07TRIPOLI1053 protects `Brown & Root country
 * director Richard Weeks (protect)` and `TOCC Finance Director Jennifer Windus (protect)`; a copy
 * of it without the markers replaces it as the current version. Its extraction gave them no role,
 * or missed them: the forms the older version protects still mask their names (protected_forms),
 * but their roles were known only from the mentions of the current version, so `country director
 * [withheld]` named the holder in the current text and in the older version's diff. Public mode
 * now reads the older versions' persons too (PROTECTED_ROWS). Each order on both back ends; the
 * local server shows the roles, so every check here can fail.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Cable } from "../../src/model/cable.js";
import {
  type BuildOptions,
  INPUTS,
  protectedServersHooks,
  searchHits,
} from "../entities/protected-archive.js";
import { expectMaskedOnCablePages, get } from "../support/public-cable-pages.js";
import { serverBackends } from "./backends.js";

const CABLE = "07TRIPOLI1053";
const MARKED = fileURLToPath(new URL(`../fixtures/server/cables/${CABLE}.txt`, import.meta.url));
const ROLES = ["country director", "finance director"];

// The copy without the markers, as another source might publish it.
const dir = mkdtempSync(join(tmpdir(), "cablegram-older-roles-"));
mkdirSync(join(dir, "unmarked"));
const UNMARKED = join(dir, "unmarked", `${CABLE}.txt`);
writeFileSync(UNMARKED, readFileSync(MARKED, "utf8").replaceAll(" (protect)", ""));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inputs = [...INPUTS, UNMARKED];
const later = (cable: Cable) => {
  cable.released = "2011-09-01T00:00:00Z";
};
const ORDERS: [string, BuildOptions][] = [
  [
    "an unmarked copy whose extraction gave the persons no role",
    {
      inputs,
      edit(file, cable) {
        if (file !== UNMARKED) return;
        later(cable);
        cable.persons = cable.persons.map((p) => ({ ...p, protected: false, roles: [] }));
      },
    },
  ],
  [
    "an unmarked copy whose extraction missed the protected persons",
    {
      inputs,
      edit(file, cable) {
        if (file !== UNMARKED) return;
        later(cable);
        cable.persons = cable.persons.filter((p) => !p.protected);
      },
    },
  ],
];

const rolesIn = (text: string) => ROLES.filter((r) => text.toLowerCase().includes(r));

describe.each(serverBackends("roles of older versions on PostgreSQL"))(
  "public mode on %s",
  (backend) => {
    describe.each(ORDERS)("%s", (_name, build) => {
      const servers = protectedServersHooks("cablegram-older-roles-", backend, build);

      it("keeps the marked version as an older one behind the unmarked current", async () => {
        const api = JSON.parse((await get(servers.local, `/api/cables/${CABLE}`)).body) as Cable & {
          versions: unknown[];
          diffs: unknown[];
        };
        expect(api.versions).toHaveLength(2);
        expect(api.protect).toEqual([]);
        expect(api.diffs.length).toBeGreaterThan(0);
      });

      it("masks the roles in the reader, the JSON, the text and the older version's diff", async () => {
        await expectMaskedOnCablePages(servers, CABLE, rolesIn);
      });

      it("finds the cable by no search for the roles, and by other words", async () => {
        for (const q of ['"country director"', "director", '"finance director"']) {
          expect(await searchHits(servers.pub, q), q).not.toContain(CABLE);
        }
        expect(await searchHits(servers.local, '"country director"')).toContain(CABLE);
        expect(await searchHits(servers.pub, "AECOM")).toContain(CABLE);
      });
    });
  },
);
