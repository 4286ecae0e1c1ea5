/**
 * PostgreSQL's full text folds letters the entity layer's `fold` keeps (`Ħ`, `Ŋ`, ligatures,
 * fullwidth letters; data/reference/unaccent-letters.csv): there `hamrun` finds a cable that
 * writes `Ħamrun`. 10VALLETTA9007 protects `Ġorġ Ħamrun`; public mode must find it by neither
 * spelling, and mask both, on both back ends. Before unaccentFold, a public PostgreSQL server
 * answered `hamrun` with the protecting cable. An open firm spelled `Hamrun` in that cable is
 * withheld with the person, as a namesake is (src/store/protection-inherit.ts, touchedBy).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Cable } from "../../src/model/cable.js";
import { fold } from "../../src/store/entity-names.js";
import {
  type BuildOptions,
  INPUTS,
  protectedServersHooks,
  searchHits,
} from "../entities/protected-archive.js";
import { serverBackends } from "./backends.js";

const CABLE = "10VALLETTA9007";
const BUILD: BuildOptions = {
  inputs: [
    ...INPUTS,
    join(fileURLToPath(new URL("../fixtures/public/", import.meta.url)), `${CABLE}.txt`),
  ],
  edit: (_file: string, cable: Cable) => {
    if (cable.referenceId !== CABLE) return;
    const c = cable as Cable & Record<string, unknown>;
    c.persons = [
      {
        name: "Ġorġ Ħamrun",
        variants: ["Ħamrun"],
        roles: ["Shipping agent"],
        paragraphs: [1, 2],
        usOfficial: false,
        protected: true,
      },
    ];
    // A firm named after the family, spelled without the letter: the namesake rule (withheldIn)
    // must compare both spellings, or its name and link would show the word the mask hides.
    c.organizations = [{ name: "Hamrun Shipping Agency", variants: [], paragraphs: [2] }];
    c.places = [];
  },
};

describe.each(serverBackends("public mode's unaccent letters on PostgreSQL"))(
  "public mode on %s: letters PostgreSQL folds",
  (backend) => {
    const servers = protectedServersHooks("cablegram-unaccent-", backend, BUILD);

    it("finds the protecting cable by no spelling of the name", async () => {
      for (const q of ["hamrun", "Ħamrun", "HAMRUN", "ham*", '"gorg hamrun"', "person:hamrun"]) {
        expect(await searchHits(servers.pub, q), q).not.toContain(CABLE);
      }
      expect(await searchHits(servers.pub, "transshipments")).toContain(CABLE);
    });

    it("finds it in local mode, where PostgreSQL folds the letter and SQLite keeps it", async () => {
      expect(await searchHits(servers.local, "Ħamrun")).toContain(CABLE);
      const plain = await searchHits(servers.local, "hamrun");
      if (backend === "postgres") expect(plain).toContain(CABLE);
    });

    it("withholds a name sharing the word in the other spelling, in local mode listed", async () => {
      const lookup = async (server: typeof servers.pub) => {
        const res = await fetch(new URL("/api/entities?q=hamrun&type=org", server.url));
        const { entities } = (await res.json()) as { entities: { id: string }[] };
        return entities;
      };
      const local = await lookup(servers.local);
      expect(local.length).toBeGreaterThan(0);
      const page = await fetch(new URL(`/api/entities/${local[0]!.id}`, servers.local.url));
      expect(await page.text()).toContain(CABLE);
      // Its only mention is in the protecting cable: in public mode it does not exist.
      expect(await lookup(servers.pub)).toEqual([]);
      expect(await searchHits(servers.pub, "org:hamrun")).not.toContain(CABLE);
    });

    it("masks both spellings in every answer about the cable", async () => {
      for (const path of [`/cables/${CABLE}`, `/api/cables/${CABLE}`, "/api/search?q=misurata"]) {
        const res = await fetch(new URL(path, servers.pub.url));
        const body = fold(await res.text());
        expect(body, path).toContain("[withheld]");
        expect(body, path).not.toMatch(/hamrun|ħamrun|shipping agent/);
      }
    });
  },
);
