/**
 * The server-rendered pages against a real server: every page as HTML and as JSON, the security
 * rules (everything escaped, no inline script or style, CSP), redirects, errors and the cache —
 * over a SQLite archive and over the same cables in PostgreSQL, where the views that read SQLite
 * only so far answer a 404 page saying so and are left out of the navigation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, serverBackends } from "./backends.js";
import { type FixtureServer, HOSTILE_ID, startFixtureServer } from "./fixture-server.js";

let server: FixtureServer;

/** Pages of the views PostgreSQL archives do not have yet. */
const SQLITE_ONLY = ["/cables/08TRIPOLI227/graph", "/analytics/timeline?q=libya"];

const ALL_PAGES = [
  "/",
  "/search?q=qadhafi",
  "/search?q=&tag=LY&from=2008-01&to=2008-12&sort=-created",
  "/cables/08TRIPOLI227",
  "/cables/08TRIPOLI564",
  `/cables/${HOSTILE_ID}`,
  "/browse",
  "/browse/year",
  "/browse/month",
  "/browse/origin",
  "/browse/classification",
  "/browse/year/2008",
  "/browse/month/2008-03",
  "/browse/origin/Embassy%20Tripoli",
  "/browse/tag/PGOV",
  "/browse/classification/SECRET%2F%2FNOFORN",
  "/tags",
];

const pages = (backend: Backend) =>
  backend === "sqlite" ? [...ALL_PAGES, "/cables/08TRIPOLI227/graph"] : ALL_PAGES;

async function page(path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const r = await server.get(path);
  return { status: r.status, html: await r.text(), headers: r.headers };
}

/** Markup that only cable text could have produced if it were not escaped. */
function assertInert(html: string): void {
  expect(html).not.toMatch(/<script>alert/i);
  expect(html).not.toMatch(/<img\b/i);
  expect(html).not.toMatch(/<svg onload/i);
  expect(html).not.toMatch(/<style/i);
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    // Attribute names only: quoted values (escaped cable text may sit in them) are blanked.
    const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    expect(names, tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(names, tag).not.toMatch(/\sstyle\s*=/i);
    for (const [, url] of tag.matchAll(/\s(?:href|src|action|formaction)="([^"]*)"/gi)) {
      expect(url!.trim(), tag).not.toMatch(/^javascript:/i);
    }
    // Scripts only by URL, data only as JSON.
    if (/^<script\b/i.test(tag)) {
      expect(tag).toMatch(/\ssrc="\/static\/[\w-]+\.js"|type="application\/json"/);
    }
  }
}

describe.each(serverBackends("the page tests on PostgreSQL"))("pages on %s", (backend) => {
  beforeAll(async () => {
    server = await startFixtureServer({ backend });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(pages(backend))("%s renders as HTML with the security headers", async (path) => {
    const { status, html, headers } = await page(path);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const csp = headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    assertInert(html);
  });

  it.each(pages(backend))("%s is also served as JSON", async (path) => {
    const r = await server.get(`${path}${path.includes("?") ? "&" : "?"}format=json`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(typeof (await r.json())).toBe("object");
  });

  it("shows the hostile cable's markup as text", async () => {
    const { html } = await page(`/cables/${HOSTILE_ID}`);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("[click](javascript:alert(1))");
    const search = await page("/search?q=hostile");
    expect(search.html).toContain(HOSTILE_ID);
    assertInert(search.html);
  });

  it("serves the text as transmitted as plain text", async () => {
    const r = await server.get(`/cables/${HOSTILE_ID}/text`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    const text = await r.text();
    expect(text).toMatch(/^C O N F I D E N T I A L TRIPOLI 009001/);
    expect(text).toContain("<script>alert(1)</script>");
    expect((await server.get("/cables/99ATLANTIS1/text")).status).toBe(404);
  });

  it("reads a cable: anchors, protect banner, REF links, cited-by, metadata explained", async () => {
    const { html } = await page("/cables/08TRIPOLI227");
    expect(html).toContain('id="p1"');
    expect(html).toMatch(/class="protect-banner"[^>]*>\s*<strong>STRICTLY PROTECT/);
    expect(html).toContain('href="/cables/08TRIPOLI166"');
    expect(html).toMatch(/Cited by \(3\)/);
    expect(html).toContain("Internal Governmental Affairs");
    expect(html).toMatch(/1\.4\(b\)<\/code> foreign government information/i);
    expect(html).toContain("Transmission header");
    expect(html).toContain(`${server.url}cables/08TRIPOLI227`.replace("//cables", "/cables"));
  });

  it.skipIf(backend !== "sqlite")(
    "marks missing REF targets with their estimated date",
    async () => {
      const { html } = await page("/cables/08TRIPOLI166");
      expect(html).toMatch(
        /07TRIPOLI71<\/a> <span class="missing-note">not in the archive, estimated \d{4}-\d{2}-\d{2}/,
      );
    },
  );

  it("shows both versions of a re-released cable with a diff", async () => {
    const { html } = await page("/cables/08TRIPOLI564");
    expect(html).toContain("Versions (2)");
    expect(html).toMatch(/<span class="del">- .*A close friend/);
    expect(html).toMatch(/<span class="ins">\+ .*A longtime friend/);
  });

  it("redirects ids written another way and exact-id searches", async () => {
    const r = await server.get("/cables/08%20TRIPOLI%20000227");
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe("/cables/08TRIPOLI227");
    const s = await server.get("/search?q=08tripoli227");
    expect(s.status).toBe(302);
    expect(s.headers.get("location")).toBe("/cables/08TRIPOLI227");
  });

  it("answers bad input with an HTML page for browsers and a problem for ?format=json", async () => {
    const bad = await page("/search?q=(iran%20OR%20iraq");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("missing )");
    expect(bad.html).toMatch(/<pre class="caret">\(iran OR iraq\n\^<\/pre>/);
    const json = await server.get("/search?q=(iran&format=json");
    expect(json.status).toBe(400);
    expect(json.headers.get("content-type")).toBe("application/problem+json");
    expect((await page("/search?limit=500")).status).toBe(400);
    expect((await page("/browse/planet")).status).toBe(404);
    expect((await page("/browse/month/2008-13")).status).toBe(400);
    expect((await page("/nowhere")).status).toBe(404);
  });

  it("gives a cable cited but not held a 404 page saying who cites it", async () => {
    const { status, html } = await page("/cables/07TRIPOLI71");
    expect(status).toBe(404);
    expect(html).toContain("is not in the archive");
    expect(html).toContain('href="/cables/08TRIPOLI166"');
  });

  it.skipIf(backend !== "postgres")(
    "answers the views SQLite has only so far with a 404 saying so, and links none",
    async () => {
      for (const path of SQLITE_ONLY) {
        const r = await page(path);
        expect(r.status, path).toBe(404);
        expect(r.html).toContain("not available on PostgreSQL archives yet");
        assertInert(r.html);
        const json = await server.get(`${path}${path.includes("?") ? "&" : "?"}format=json`);
        expect(json.status).toBe(404);
        expect(json.headers.get("content-type")).toBe("application/problem+json");
      }
      for (const path of ALL_PAGES) {
        const { html } = await page(path);
        expect(html, path).not.toMatch(/href="\/(analytics|entities)[/?"]|\/graph"/);
      }
    },
  );

  it("serves the client files immutable, and nothing else from /static", async () => {
    const { html } = await page("/search?q=qadhafi");
    const src = /<script type="module" src="(\/static\/search-[\w-]+\.js)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const r = await server.get(src!);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toContain("immutable");
    expect(r.headers.get("content-type")).toMatch(/javascript/);
    expect((await server.get("/static/manifest.json")).status).toBe(404);
    expect((await server.get("/static/..%2F..%2Fpackage.json")).status).toBe(404);
  });

  it("answers a repeated request from the cache, with an ETag", async () => {
    const first = await server.get("/cables/08TRIPOLI584");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await server.get("/cables/08TRIPOLI584", { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(server.app.cache!.hits).toBeGreaterThan(0);
  });
});
