/**
 * An entity's cables page by page through the server: `next` cursors over the summarised archive
 * (src/store/entity-summary.ts), the page's "More cables" link, a bad cursor answered 400, and
 * public mode leaving the cables protecting the person out of the pages and the counts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { type Db, openArchive } from "../../src/store/db.js";
import type { EntityDetail } from "../../src/store/entities-read.js";
import { resolveEntities } from "../../src/store/entities-resolve.js";
import { refreshEntitySummaries } from "../../src/store/entity-summary.js";
import { writeCable } from "../../src/store/write.js";
import { entityCable as cable, person } from "../store/entity-cables.js";

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

/** 230 cables naming Mark Asquino, every tenth protecting him. */
function archive(): Db {
  const a = openArchive(":memory:");
  for (let i = 0; i < 230; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    writeCable(
      a,
      cable(`0${5 + (i % 4)}ALMATY${1000 + i}`, `200${5 + (i % 4)}-${month}-03T10:00:00Z`, {
        persons: [person("Mark Asquino", { protected: i % 10 === 0 })],
      }),
    );
  }
  resolveEntities(a);
  refreshEntitySummaries(a);
  return a;
}

async function allPages(app: ReturnType<typeof createApp>["app"], id: string) {
  const seen: string[] = [];
  let url = `/api/entities/${id}`;
  const pages: EntityDetail[] = [];
  for (let guard = 0; guard < 10; guard++) {
    const res = await app.request(url);
    expect(res.status).toBe(200);
    const page = (await res.json()) as EntityDetail;
    pages.push(page);
    seen.push(...page.cableList.map((c) => c.referenceId));
    if (!page.next) return { seen, pages };
    url = `/api/entities/${id}?after=${encodeURIComponent(page.next)}`;
  }
  throw new Error("paging does not end");
}

describe("entity pages through the server", () => {
  it("page the cables with cursors, newest first, each once", async () => {
    db = archive();
    const { app } = createApp({ db, cache: false });
    const { seen, pages } = await allPages(app, "person-mark-asquino");
    expect(pages.map((p) => p.cableList.length)).toEqual([200, 30]);
    expect(new Set(seen).size).toBe(230);
    const created = pages.flatMap((p) => p.cableList.map((c) => c.created ?? ""));
    expect(created).toEqual([...created].sort().reverse());
    const html = await (await app.request("/entities/person-mark-asquino")).text();
    expect(html).toContain(`rel="next" href="/entities/person-mark-asquino?after=`);
    const bad = await app.request("/api/entities/person-mark-asquino?after=nonsense");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("after");
  });

  it("leave the protecting cables out of the public pages and counts", async () => {
    db = archive();
    const { app } = createApp({ db, cache: false, public: true });
    const { seen, pages } = await allPages(app, "person-mark-asquino");
    expect(seen).toHaveLength(207);
    expect(seen.some((id) => Number(id.slice(8)) % 10 === 0)).toBe(false);
    expect(pages[0]!.cables).toBe(207);
    expect(pages[0]!.months.reduce((n, m) => n + m.count, 0)).toBe(207);
    expect(pages[0]!.posts).toEqual([{ station: "ALMATY", cables: 207 }]);
  });
});
