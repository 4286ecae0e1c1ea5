/**
 * Public mode's indirect ways to a protecting cable, beside the crawl of public-crawl.test.ts
 * (which follows links, so it only ever asks for cables by their canonical ids):
 * - every route taking a cable id accepts it in other forms (`08tripoli564`, `2008 Tripoli 564`,
 *   `08-TRIPOLI-000564`); the answer about the cable is masked whatever the form, even where it
 *   does not hold the canonical id itself (the plain text of `/cables/:id/text`);
 * - an entity's first and last dates are those of the cables public mode shows for it: the date
 *   of a protecting cable would lead to it (`created:` that day).
 * Run against both back ends, as the crawl is; on each, the JSONL exports also keep the server's
 * paths out (src/server/data/public-paths.ts), as the rest of public mode does.
 */
import { parse } from "csv-parse/sync";
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

interface Listed {
  id: string;
  cables: number;
  firstCreated: string | null;
  lastCreated: string | null;
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

    it("dates an entity by the cables public mode shows for it, not by those protecting it", async () => {
      const list = async (server: RunningServer) =>
        (JSON.parse((await get(server, "/api/entities?limit=500")).body) as { entities: Listed[] })
          .entities;
      const pub = await list(servers.pub);
      const wrong: string[] = [];
      for (const e of pub) {
        const page = JSON.parse(
          (await get(servers.pub, `/api/entities/${e.id}`)).body,
        ) as Listed & {
          cableList: { created: string | null }[];
          next: string | null;
        };
        expect(page.next, e.id).toBeNull();
        const dates = page.cableList.map((c) => c.created).filter((d): d is string => d !== null);
        dates.sort();
        const first = dates[0] ?? null;
        const last = dates[dates.length - 1] ?? null;
        for (const [where, x] of [
          ["list", e],
          ["page", page],
        ] as const) {
          if (x.firstCreated !== first || x.lastCreated !== last) {
            wrong.push(
              `${where} ${e.id}: ${x.firstCreated}..${x.lastCreated}, cables ${first}..${last}`,
            );
          }
        }
      }
      const csv = (await get(servers.pub, "/api/entities/export.csv")).body;
      const rows = parse(csv, { columns: true }) as Record<string, string>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const { id, first_created: firstCreated, last_created: lastCreated } of rows) {
        const listed = pub.find((e) => e.id === id);
        if (
          listed &&
          (listed.firstCreated !== (firstCreated || null) ||
            listed.lastCreated !== (lastCreated || null))
        ) {
          wrong.push(`csv ${id}: ${firstCreated}..${lastCreated}`);
        }
      }
      expect(wrong).toEqual([]);
      // A person also named openly: locally dated by the cable protecting them, publicly not.
      const local = (await list(servers.local)).find((e) => e.id === "person-ibrahim-meyet")!;
      const open = pub.find((e) => e.id === "person-ibrahim-meyet")!;
      expect(local.firstCreated).toBe("2008-07-13T14:25:00Z");
      expect(open.firstCreated).toBe("2010-04-12T10:20:00Z");
    }, 300_000);

    it("keeps the server's paths out of every JSONL export", async () => {
      const files: string[] = [];
      for (const path of [
        "/api/export?format=jsonl",
        "/api/search?format=jsonl&q=libya",
        "/search?format=jsonl&q=libya",
      ]) {
        const r = await get(servers.pub, path);
        expect(r.status, path).toBe(200);
        const lines = r.body.split("\n").filter(Boolean);
        expect(lines.length, path).toBeGreaterThan(0);
        for (const line of lines)
          files.push((JSON.parse(line) as { source: { file: string } }).source.file);
      }
      expect(files.filter((f) => /[\\/]/.test(f))).toEqual([]);
      // The archive does store full paths: local mode shows them.
      const local = await get(servers.local, "/api/export?format=jsonl");
      expect(local.body).toMatch(/"file":"\//);
    });
  },
);
