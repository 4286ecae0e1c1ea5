/**
 * Protection across versions in public mode: 08TRIPOLI564 protects Ibrahim el-Meyet
 * (`(strictly protect)`), and a copy of it without the marker (test/fixtures/server/unmarked) is
 * stored beside it. Whichever version is current, el-Meyet stays protected in that cable: masked
 * in the reader, the JSON, the old version's diff and the exports, the cable left out of searches
 * by his name and of his entity page and counts, as if the current version carried the marker.
 * The orders: the unmarked copy replacing the marked one (what the audit found leaking), the same
 * with el-Meyet missing from the unmarked copy's persons (nothing in the current version to mark:
 * the older version's forms alone mask him), a marked copy arriving after the unmarked current
 * one without replacing it (older: it marks the stored current version), and the unmarked copy
 * replaced by the marked one (the control). Each on both back ends; the local server shows the
 * name, so every check here can fail.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Cable } from "../../src/model/cable.js";
import { fold, significantWords } from "../../src/store/entity-names.js";
import {
  type BuildOptions,
  INPUTS,
  protectedServersHooks,
  searchHits,
} from "../entities/protected-archive.js";
import { expectMaskedOnCablePages, get } from "../support/public-cable-pages.js";
import { serverBackends } from "./backends.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/server/", import.meta.url));
const MARKED = join(FIXTURES, "cables/08TRIPOLI564.txt");
const UNMARKED = join(FIXTURES, "unmarked/08TRIPOLI564.txt");
const UPDATE = join(FIXTURES, "updates/08TRIPOLI564.txt");
const CABLE = "08TRIPOLI564";
const ENTITY = "person-ibrahim-meyet";
const WORDS = significantWords(["Ibrahim el-Meyet", "el-Meyet", "El-Meyet"]);

/** The annotations of a copy without the marker: el-Meyet named, not protected. */
function unprotect(file: string, cable: Cable): void {
  if (file !== UNMARKED) return;
  cable.persons = cable.persons.map((p) => ({ ...p, protected: false }));
}

const others = INPUTS.filter((f) => f !== MARKED && f !== UPDATE);
/** Each order, and whether the marked copy ends up the current version. */
const ORDERS: [string, BuildOptions, boolean][] = [
  [
    "an unmarked copy replacing the marked one",
    { inputs: [...INPUTS.filter((f) => f !== UPDATE), UNMARKED], edit: unprotect },
    false,
  ],
  [
    "an older marked copy stored after the unmarked current one",
    {
      inputs: [...others, UNMARKED, MARKED],
      edit(file, cable) {
        unprotect(file, cable);
        // Released before the unmarked copy: stored as an older version, not the current one.
        if (file === UNMARKED) cable.released = "2011-08-30T00:00:00Z";
        if (file === MARKED) cable.released = "2011-08-01T00:00:00Z";
      },
    },
    false,
  ],
  [
    "an unmarked copy whose persons leave him out replacing the marked one",
    {
      inputs: [...INPUTS.filter((f) => f !== UPDATE), UNMARKED],
      edit(file, cable) {
        // An extraction that missed him: only the forms the older version protects mask his name.
        if (file === UNMARKED) cable.persons = cable.persons.filter((p) => !p.protected);
      },
    },
    false,
  ],
  [
    "the marked copy replacing an unmarked one",
    { inputs: [...others, UNMARKED, MARKED], edit: unprotect },
    true,
  ],
];

function namesIn(text: string): string[] {
  const folded = fold(text.normalize("NFC"));
  return WORDS.filter((w) =>
    new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "u").test(
      folded,
    ),
  );
}

const QUERIES = [
  "el-Meyet",
  "Meyet",
  '"Ibrahim el-Meyet"',
  'person:"Ibrahim el-Meyet"',
  "person:Meyet",
];

describe.each(serverBackends("protection across versions on PostgreSQL"))(
  "public mode on %s",
  (backend) => {
    describe.each(ORDERS)("%s", (_name, build, markedCurrent) => {
      const servers = protectedServersHooks("cablegram-versions-", backend, build);

      it("keeps two versions of the cable, one of them without the marker", async () => {
        const api = JSON.parse((await get(servers.local, `/api/cables/${CABLE}`)).body) as {
          versions: unknown[];
          diffs: unknown[];
        };
        expect(api.versions).toHaveLength(2);
        expect((api as unknown as Cable).protect.length > 0).toBe(markedCurrent);
        expect(api.diffs.length).toBeGreaterThan(0);
      });

      it("masks the name in the reader, the JSON, the text and the old version's diff", async () => {
        await expectMaskedOnCablePages(servers, CABLE, namesIn);
        const api = JSON.parse((await get(servers.pub, `/api/cables/${CABLE}`)).body) as {
          persons: { name: string }[];
          diffs: unknown[];
        };
        expect(api.diffs.length).toBeGreaterThan(0);
        // Left out of the persons of the cable, not listed with a masked name.
        expect(api.persons.map((p) => p.name).filter((n) => n.includes("[withheld]"))).toEqual([]);
      });

      it("finds the cable by no search for the name", async () => {
        for (const q of QUERIES) expect(await searchHits(servers.pub, q), q).not.toContain(CABLE);
        expect(await searchHits(servers.local, "Meyet")).toContain(CABLE);
        // Other terms still find it.
        expect(await searchHits(servers.pub, "Ghanem")).toContain(CABLE);
      });

      it("leaves the cable off the entity page, its counts and the exports", async () => {
        const page = await get(servers.pub, `/api/entities/${ENTITY}`);
        expect(page.status).toBe(200);
        expect(page.body).not.toContain(CABLE);
        expect((await get(servers.pub, `/entities/${ENTITY}`)).body).not.toContain(CABLE);
        // Locally his page lists the cable wherever its current version names him.
        const local = JSON.parse((await get(servers.local, `/api/cables/${CABLE}`)).body) as Cable;
        const named = local.persons.some((p) => p.name.includes("Meyet"));
        expect((await get(servers.local, `/api/entities/${ENTITY}`)).body.includes(CABLE)).toBe(
          named,
        );
        const listed = JSON.parse(
          (await get(servers.pub, "/api/entities?type=person&limit=500")).body,
        ) as {
          entities: { id: string; cables: number }[];
        };
        // 10TRIPOLI9002 names him openly: the only cable public mode counts for him.
        expect(listed.entities.find((e) => e.id === ENTITY)?.cables).toBe(1);
        for (const q of QUERIES) {
          const csv = await get(servers.pub, `/api/export?format=csv&q=${encodeURIComponent(q)}`);
          expect(csv.body, q).not.toContain(CABLE);
        }
        const jsonl = (await get(servers.pub, "/api/export?format=jsonl")).body
          .split("\n")
          .filter((l) => l && (JSON.parse(l) as { referenceId: string }).referenceId === CABLE);
        expect(jsonl).toHaveLength(1);
        expect(namesIn(jsonl[0]!)).toEqual([]);
        const csv = (await get(servers.pub, "/api/export?format=csv")).body
          .split("\r\n")
          .filter((l) => l.startsWith(CABLE));
        expect(csv).toHaveLength(1);
        expect(namesIn(csv[0]!)).toEqual([]);
      });
    });
  },
);
