/**
 * Public mode keeps protected people out of every answer about the cables protecting them. A real
 * server (`serve --public` over a real archive, test/entities/protected-archive.ts) is crawled: the
 * seed routes, every cable's pages and API answers, exports in every format, entity pages and
 * lists, searches by every form of every protected name, and every link found in the pages. No
 * answer that is about a protecting cable (its id in the answer or the URL) may hold any word of a
 * name it protects, case- and accent-insensitively; no search by such a name may return the cable.
 * The same person named openly in another cable is shown there, and local mode shows everything.
 * The analytics views describe the result set the search shows: a protected name reaches no
 * protecting cable through them either (counts or drill-down lists).
 * Run against both back ends: a SQLite file, and the same archive migrated to PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start.js";
import { fold, significantWords } from "../../src/store/entity-names.js";
import { PROTECTED, protectedServersHooks } from "../entities/protected-archive.js";
import { serverBackends } from "./backends.js";

const ALL_IDS = [
  "06LISBON2365",
  "07TRIPOLI1053",
  "08TRIPOLI106",
  "08TRIPOLI166",
  "08TRIPOLI227",
  "08TRIPOLI564",
  "08TRIPOLI584",
  "09CAIRO284",
  "09TRIPOLI208",
  "09TRIPOLI9004",
  "10MUNICH29",
  "10TRIPOLI9001",
  "10TRIPOLI9002",
  "10TRIPOLI9003",
];

/** Protecting cable → the folded words of the names it protects. */
const WORDS = new Map<string, string[]>();
for (const p of PROTECTED) {
  WORDS.set(p.cable, [...(WORDS.get(p.cable) ?? []), ...significantWords(p.forms)]);
}

/**
 * Protecting cable → the roles it gives the people it protects (`country director`), as folded
 * words: with the cable's post and date, a role names its holder (src/store/entities-mask.ts).
 */
const ROLES = new Map<string, string[][]>();
for (const p of PROTECTED) {
  const roles = p.roles.map((r) => fold(r).match(/[\p{L}\p{N}]+/gu) ?? []);
  ROLES.set(p.cable, [...(ROLES.get(p.cable) ?? []), ...roles.filter((r) => r.length > 0)]);
}

/** A role's words in order in a folded answer, whatever markup or punctuation stands between. */
function hasRole(foldedText: string, words: string[]): boolean {
  const gap = String.raw`(?:[^\p{L}\p{N}<]|<[^<>]*>)+`;
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join(gap)}(?![\\p{L}\\p{N}])`, "u").test(
    foldedText,
  );
}

function hasWord(foldedText: string, word: string): boolean {
  const re = new RegExp(
    `(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`,
    "u",
  );
  return re.test(foldedText);
}

function foldedBody(text: string): string {
  let decoded = text;
  try {
    decoded = `${text}\n${decodeURIComponent(text.replace(/\+/g, " "))}`;
  } catch {
    // Not percent-decodable as a whole: the raw text is checked.
  }
  return fold(decoded.normalize("NFC")).replace(/&#39;/g, "'");
}

interface Leak {
  url: string;
  cable: string;
  word: string;
}

function leaksIn(url: string, body: string): Leak[] {
  const folded = foldedBody(body);
  const out: Leak[] = [];
  for (const [cable, words] of WORDS) {
    if (!body.includes(cable) && !url.includes(cable)) continue;
    for (const w of words) if (hasWord(folded, w)) out.push({ url, cable, word: w });
    for (const r of ROLES.get(cable) ?? [])
      if (hasRole(folded, r)) out.push({ url, cable, word: r.join(" ") });
  }
  return out;
}

function queriesFor(forms: string[]): string[] {
  const out = new Set<string>();
  for (const f of forms) {
    const plain = f.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    for (const v of [f, plain, f.toUpperCase(), f.toLowerCase()]) {
      out.add(v);
      out.add(`"${v}"`);
      out.add(`person:"${v}"`);
    }
    for (const w of f.split(/[\s-]+/).filter((x) => x.length > 3)) {
      out.add(w);
      out.add(`${w.slice(0, 4)}*`);
    }
  }
  return [...out];
}

function seeds(): string[] {
  const out = [
    "/",
    "/search",
    "/search?q=libya",
    "/search?q=protect",
    "/search?q=has:protect",
    "/browse",
    "/tags",
    "/entities",
    "/entities?type=person",
    "/api/openapi.json",
    "/api/stats",
    "/api/tags",
    "/api/search?q=libya&limit=100",
    "/api/search?q=has:protect&limit=100",
    "/api/entities?limit=500",
    "/api/entities?type=person&limit=500",
    "/api/entities/export.csv",
    "/api/entities/network.gexf",
  ];
  for (const f of ["csv", "jsonl", "gexf"]) {
    out.push(`/api/export?format=${f}`, `/api/export?format=${f}&q=has:protect`);
  }
  for (const id of ALL_IDS) {
    out.push(
      `/cables/${id}`,
      `/cables/${id}?format=json`,
      `/cables/${id}/text`,
      `/cables/${id}/graph`,
      `/api/cables/${id}`,
      `/api/cables/${id}/graph`,
      `/search?q=${encodeURIComponent(`cites:${id}`)}`,
    );
  }
  return out;
}

async function fetchText(server: RunningServer, path: string) {
  const res = await fetch(new URL(path, server.url), { redirect: "manual" });
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: await res.text(),
  };
}

// On PostgreSQL: the same archive copied by `migrate`, served publicly through the read-only role.
describe.each(serverBackends("the public-mode crawl on PostgreSQL"))(
  "public mode on %s: crawl",
  (backend) => {
    const servers = protectedServersHooks("cablegram-public-", backend);

    it("no answer about a protecting cable names the people it protects", async () => {
      const seen = new Set<string>();
      const queue = seeds();
      const leaks: Leak[] = [];
      const failures: string[] = [];
      while (queue.length > 0 && seen.size < 900) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const r = await fetchText(servers.pub, path);
        if (r.status >= 500) failures.push(`${r.status} ${path}`);
        leaks.push(...leaksIn(path, r.body));
        if (r.type.startsWith("text/html")) {
          for (const m of r.body.matchAll(/href="([^"#]+)/g)) {
            const href = m[1]!.replace(/&amp;/g, "&");
            if (href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/static/")) {
              if (!seen.has(href)) queue.push(href);
            }
          }
        }
      }
      expect(failures).toEqual([]);
      expect(leaks).toEqual([]);
      // The crawl reached the protecting cables and the entity pages, not just the seeds.
      expect(seen.size).toBeGreaterThan(150);
      expect([...seen].some((p) => p.startsWith("/entities/person-"))).toBe(true);
    }, 300_000);

    it("no search by a protected name finds the cable protecting it", async () => {
      const found: string[] = [];
      for (const p of PROTECTED) {
        for (const q of queriesFor(p.forms)) {
          const api = await fetchText(
            servers.pub,
            `/api/search?limit=100&q=${encodeURIComponent(q)}`,
          );
          expect(api.status, q).toBe(200);
          const ids = (JSON.parse(api.body) as { hits: { referenceId: string }[] }).hits.map(
            (h) => h.referenceId,
          );
          if (ids.includes(p.cable)) found.push(`${q} → ${p.cable}`);
          const exp = await fetchText(
            servers.pub,
            `/api/export?format=csv&q=${encodeURIComponent(q)}`,
          );
          const rows = exp.body.split("\r\n").map((row) => row.split(",")[0]);
          if (rows.includes(p.cable)) found.push(`export ${q} → ${p.cable}`);
          const ents = await fetchText(servers.pub, `/api/entities?q=${encodeURIComponent(q)}`);
          for (const e of (JSON.parse(ents.body) as { entities: { id: string }[] }).entities) {
            const page = await fetchText(servers.pub, `/api/entities/${e.id}`);
            if (page.body.includes(p.cable)) found.push(`entity ${e.id} → ${p.cable}`);
          }
        }
      }
      expect(found).toEqual([]);
    }, 300_000);

    it("no analytics view reached by a protected name counts or lists the cable protecting it", async () => {
      type View = { total: number; analysis: { levels?: { rows: (string | number)[][] } } };
      const get = async (server: RunningServer, path: string) => {
        const r = await fetchText(server, path);
        expect(r.status, path).toBe(200);
        return JSON.parse(r.body) as View;
      };
      /** The set's cables, gathered from the drill-down of every classification level. */
      const members = async (server: RunningServer, enc: string) => {
        const levels = (await get(server, `/api/analytics/secrecy?q=${enc}`)).analysis.levels!;
        const out: string[] = [];
        for (const [level] of levels.rows) {
          const drill = (await get(
            server,
            `/api/analytics/cables?q=${enc}&matrix=levels&row=${encodeURIComponent(String(level))}`,
          )) as unknown as { analysis: { cables: { referenceId: string }[] } };
          out.push(...drill.analysis.cables.map((c) => c.referenceId));
        }
        return out;
      };
      const found: string[] = [];
      let reachedLocally = 0;
      for (const p of PROTECTED) {
        for (const q of queriesFor(p.forms)) {
          const enc = encodeURIComponent(q);
          const search = (await get(servers.pub, `/api/search?limit=100&q=${enc}`)).total;
          for (const view of ["timeline", "bursts", "secrecy", "addressees", "coverage"]) {
            const total = (await get(servers.pub, `/api/analytics/${view}?q=${enc}`)).total;
            if (total !== search) found.push(`${view} ${q}: ${total} cables, search ${search}`);
          }
          if ((await members(servers.pub, enc)).includes(p.cable)) found.push(`${q} → ${p.cable}`);
          if ((await members(servers.local, enc)).includes(p.cable)) reachedLocally++;
        }
      }
      expect(found).toEqual([]);
      // The same queries do reach the protecting cables in local mode: the check above can fail.
      expect(reachedLocally).toBeGreaterThan(0);
    }, 300_000);

    it("searching a name changes nothing about a protecting cable that other terms find", async () => {
      const ids = async (q: string) => {
        const r = await fetchText(servers.pub, `/api/search?limit=100&q=${encodeURIComponent(q)}`);
        return (JSON.parse(r.body) as { hits: { referenceId: string }[] }).hits.map(
          (h) => h.referenceId,
        );
      };
      for (const p of PROTECTED) {
        const name = `"${p.forms[0]}"`;
        const a = await ids("libya");
        const n = await ids(name);
        const both = await ids(`libya OR ${name}`);
        expect(n).not.toContain(p.cable);
        expect(new Set(both)).toEqual(new Set([...a, ...n]));
        const not = await ids(`libya NOT ${name}`);
        expect(new Set(not)).toEqual(new Set(a.filter((x) => !n.includes(x))));
      }
    }, 120_000);

    it("shows a protected person where another cable names them openly, and in local mode", async () => {
      const open = await fetchText(servers.pub, "/cables/10TRIPOLI9002");
      expect(open.body).toContain("el-Meyet");
      expect(open.body).toContain("Windus");
      const entity = await fetchText(servers.pub, "/api/entities/person-ibrahim-meyet");
      expect(entity.status).toBe(200);
      expect(entity.body).toContain("10TRIPOLI9002");
      expect(entity.body).not.toContain("08TRIPOLI564");
      const localEntity = await fetchText(servers.local, "/api/entities/person-ibrahim-meyet");
      expect(localEntity.body).toContain("08TRIPOLI564");
      // Every count, list and histogram of the public page leaves the protecting cable out.
      type Page = {
        cables: number;
        cableList: { referenceId: string }[];
        months: { count: number }[];
        posts: { cables: number }[];
        forms: { cables: number }[];
        evidence: { cables: number }[];
        roles: { cables: number }[];
      };
      const pub = JSON.parse(entity.body) as Page;
      const local = JSON.parse(localEntity.body) as Page;
      const sum = (xs: { cables?: number; count?: number }[]) =>
        xs.reduce((n, x) => n + (x.cables ?? x.count ?? 0), 0);
      expect(pub.cables).toBe(local.cables - 1);
      expect(pub.cableList).toHaveLength(pub.cables);
      expect(sum(pub.months)).toBe(sum(local.months) - 1);
      expect(sum(pub.posts)).toBe(sum(local.posts) - 1);
      expect(sum(pub.evidence)).toBeLessThan(sum(local.evidence));
      expect(Math.max(...pub.forms.map((f) => f.cables))).toBeLessThanOrEqual(pub.cables);
      expect(sum(pub.roles)).toBeLessThanOrEqual(sum(local.roles));
      const facet = async (server: typeof servers.pub) => {
        const r = await fetchText(server, "/api/search?q=libya");
        const body = JSON.parse(r.body) as {
          facets: { person: { value: string; count: number }[] };
        };
        return body.facets.person.find((f) => f.value === "person-ibrahim-meyet")?.count ?? 0;
      };
      expect(await facet(servers.pub)).toBeLessThan(await facet(servers.local));
      const localReader = await fetchText(servers.local, "/cables/08TRIPOLI564");
      expect(localReader.body).toContain("el-Meyet");
      const masked = await fetchText(servers.pub, "/cables/08TRIPOLI564");
      expect(masked.body).toContain("[withheld]");
      expect(masked.body).not.toMatch(/meyet/i);
      // A person only protecting cables name does not exist publicly.
      const only = await fetchText(servers.pub, "/api/entities/person-segolene-dupre-nassar");
      expect(only.status).toBe(404);
      expect(only.body).not.toMatch(/TRIPOLI9003/);
      const localOnly = await fetchText(
        servers.local,
        "/api/entities/person-segolene-dupre-nassar",
      );
      expect(localOnly.status).toBe(200);
    });

    it("masks the description set beside a protected name, in every answer about the cable", async () => {
      const description = "a prominent Tripoli-based attorney and business consultant";
      for (const path of [
        "/api/cables/08TRIPOLI564",
        "/cables/08TRIPOLI564",
        "/cables/08TRIPOLI564/text",
      ]) {
        expect((await fetchText(servers.local, path)).body, path).toContain(description);
        const pub = await fetchText(servers.pub, path);
        expect(pub.body, path).not.toContain("Tripoli-based attorney");
        expect(pub.body, path).toMatch(/\[withheld\] \(strictly protect\), \[withheld\], told CDA/);
      }
      // Nor do its words find the cable, which would confirm what the token hides.
      const hits = async (server: RunningServer, q: string) => {
        const r = await fetchText(server, `/api/search?q=${encodeURIComponent(q)}&limit=100`);
        expect(r.status, q).toBe(200);
        return (JSON.parse(r.body) as { hits: { referenceId: string }[] }).hits.map(
          (h) => h.referenceId,
        );
      };
      for (const q of ['"Tripoli-based attorney"', "attorney", "consultant"]) {
        expect(await hits(servers.pub, q), q).not.toContain("08TRIPOLI564");
        expect(await hits(servers.local, q), q).toContain("08TRIPOLI564");
      }
      expect(await hits(servers.pub, "attorney OR Ghanem")).toContain("08TRIPOLI564");
    });

    it("masks the roles a cable gives the people it protects, with their names, as one token", async () => {
      const local = await fetchText(servers.local, "/api/cables/07TRIPOLI1053");
      expect(local.body).toContain("country director Richard Weeks (protect)");
      expect(local.body).toContain("TOCC Finance Director Jennifer Windus (protect)");
      for (const path of ["/api/cables/07TRIPOLI1053", "/cables/07TRIPOLI1053"]) {
        const pub = await fetchText(servers.pub, path);
        expect(pub.body, path).toMatch(/Root(?:<\/a>)? \[withheld\] \(protect\)/);
        // What describes her is masked too: the one who signed for the company is named by it.
        expect(pub.body, path).toMatch(/\[withheld\] \(protect\), \[withheld\], told the Charge/);
        expect(pub.body, path).not.toContain("who signed for the company");
      }
      // Nor does a search by the role find the cable, which would confirm what the token hides.
      const hits = async (server: RunningServer, q: string) => {
        const r = await fetchText(server, `/api/search?q=${encodeURIComponent(q)}&limit=100`);
        expect(r.status, q).toBe(200);
        if (server === servers.pub) expect(leaksIn(`/api/search?q=${q}`, r.body), q).toEqual([]);
        return (JSON.parse(r.body) as { hits: { referenceId: string }[] }).hits.map(
          (h) => h.referenceId,
        );
      };
      for (const q of ['"country director"', "director", "direct*", '"finance director"']) {
        expect(await hits(servers.pub, q), q).not.toContain("07TRIPOLI1053");
        expect(await hits(servers.local, q), q).toContain("07TRIPOLI1053");
      }
      expect(await hits(servers.pub, "director OR tripoli")).toContain("07TRIPOLI1053");
    });
  },
);
