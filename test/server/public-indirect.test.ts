/**
 * Public mode's indirect ways to a protecting cable, beside the crawl of public-crawl.test.ts
 * (which follows links, so it only ever asks for cables by their canonical ids):
 * - every route taking a cable id accepts it in other forms (`08tripoli564`, `2008 Tripoli 564`,
 *   `08-TRIPOLI-000564`); the answer about the cable is masked whatever the form, even where it
 *   does not hold the canonical id itself (the plain text of `/cables/:id/text`);
 * Run against both back ends, as the crawl is.
 */
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.js";
import { fold, significantWords } from "../../src/store/entity-names.js";
import { PROTECTED, protectedServersHooks } from "../entities/protected-archive.js";
import { serverBackends } from "./backends.js";

/** Protecting cable → the folded words of the names it protects. */
const WORDS = new Map<string, string[]>();
for (const p of PROTECTED) {
  WORDS.set(p.cable, [...(WORDS.get(p.cable) ?? []), ...significantWords(p.forms)]);
}

function protectedWordsIn(text: string, cable: string): string[] {
  const folded = fold(text.normalize("NFC"));
  return (WORDS.get(cable) ?? []).filter((w) =>
    new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "u").test(
      folded,
    ),
  );
}

/** Forms of a canonical id the routes resolve to it (src/server/data/cable.ts, resolveId). */
function idForms(id: string): string[] {
  const m = /^(\d{2})([A-Z]+)(\d+)$/.exec(id)!;
  const [, yy, station, serial] = m as unknown as [string, string, string, string];
  const title = station[0] + station.slice(1).toLowerCase();
  return [
    id.toLowerCase(),
    `${yy} ${station} ${serial}`,
    `${yy}-${station}-${serial.padStart(6, "0")}`,
    `20${yy} ${title} ${serial}`,
  ];
}

const ROUTES = [
  (id: string) => `/cables/${id}/text`,
  (id: string) => `/cables/${id}/cite?format=bibtex`,
  (id: string) => `/cables/${id}/cite?format=ris`,
  (id: string) => `/cables/${id}/cite?format=csl`,
  (id: string) => `/cables/${id}/graph`,
  (id: string) => `/api/cables/${id}`,
  (id: string) => `/api/cables/${id}/graph`,
  (id: string) => `/api/analytics/thread/${id}`,
  (id: string) => `/analytics/thread/${id}`,
];

async function get(server: RunningServer, path: string) {
  const res = await fetch(new URL(path, server.url), { redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

describe.each(serverBackends("public mode's indirect leaks on PostgreSQL"))(
  "public mode on %s: indirect ways to a protecting cable",
  (backend) => {
    const servers = protectedServersHooks("cablegram-indirect-", backend);
    const cables = [...WORDS.keys()];

    it("masks an answer about a protecting cable whatever form its id is written in", async () => {
      const leaks: string[] = [];
      let masked = 0;
      for (const cable of cables) {
        for (const form of idForms(cable)) {
          for (const route of ROUTES) {
            const path = route(encodeURIComponent(form));
            const r = await get(servers.pub, path);
            expect(r.status, path).toBeLessThan(500);
            for (const w of protectedWordsIn(r.body, cable)) leaks.push(`${path}: ${w}`);
            if (r.status === 200 && r.body.includes("[withheld]")) masked++;
          }
        }
      }
      expect(leaks).toEqual([]);
      // The forms reached the cables (not 400s or 404s): each text route at least was masked.
      expect(masked).toBeGreaterThanOrEqual(cables.length * idForms(cables[0]!).length);
      // Local mode answers the same URLs with the names: the check above can fail.
      const local = await get(
        servers.local,
        ROUTES[0]!(encodeURIComponent(idForms(cables[0]!)[0]!)),
      );
      expect(protectedWordsIn(local.body, cables[0]!).length).toBeGreaterThan(0);
    }, 300_000);
  },
);
